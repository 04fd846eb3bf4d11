import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { decodeCloudTrailStream } from '../src/sources/decode/decode-file.ts';
import { expandPaths } from '../src/sources/expand-paths.ts';
import { ensureBuilt } from './build.ts';
import { measure, type Measured } from './measure.ts';

/** CPU and wall time of `work`, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start };
}

const RECORD = JSON.stringify({
  eventVersion: '1.09',
  eventTime: '2026-11-20T10:15:00Z',
  eventSource: 'dynamodb.amazonaws.com',
  eventName: 'GetItem',
  awsRegion: 'eu-west-1',
});

function* chunks(head: string, piece: string, count: number, end: string): Generator<Uint8Array> {
  yield Buffer.from(head);
  const chunk = Buffer.from(piece);
  for (let i = 0; i < count; i++) yield chunk;
  yield Buffer.from(end);
}

/** `{"Records":[ok, <MB of `fill`>, ok]}` streamed through the decoder; returns the entries read. */
export async function scanFill(fill: 'digits' | 'spaces', mb: number): Promise<number> {
  // 16 KB chunks, as gunzip hands them on.
  const piece = (fill === 'digits' ? '1' : ' ').repeat(16 * 1024);
  const input = chunks(
    `{"Records":[${RECORD},`,
    piece,
    mb * 64,
    `${fill === 'digits' ? ',' : ''}${RECORD}]}`,
  );
  let entries = 0;
  for await (const part of decodeCloudTrailStream('fill.json', input, { maxRecordBytes: 1024 * 1024 }))
    entries += part.rejected.length + part.records.length;
  return entries;
}

/** A folder of `count` empty `.json` files listed by expandPaths. */
export async function listFolder(count: number): Promise<{ files: number; cpuMs: number; wallMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tightrole-list-'));
  try {
    for (let i = 0; i < count; i++) writeFileSync(join(dir, `f-${i}.json`), '');
    const r = await timed(() => expandPaths([dir]));
    return { files: r.value.length, cpuMs: r.cpuMs, wallMs: r.wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `tightrole generate` on one `.jsonl.gz` of `mb` MB of JSON Lines: peak RSS and time of the process. */
export async function jsonLinesFile(repo: string, mb: number): Promise<Measured & { gzBytes: number }> {
  ensureBuilt(repo, (line) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), 'tightrole-jsonl-'));
  try {
    const file = join(dir, 'big.jsonl.gz');
    const record = JSON.stringify({
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
        sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/r' } },
      },
      eventTime: '2026-11-20T10:15:00Z',
      eventSource: 'dynamodb.amazonaws.com',
      eventName: 'GetItem',
      awsRegion: 'eu-west-1',
      requestParameters: { tableName: 'orders' },
    });
    const lines = Buffer.from(`${record}\n`.repeat(Math.ceil((1024 * 1024) / (record.length + 1))));
    await new Promise<void>((resolve, reject) => {
      const gz = createGzip();
      const out = createWriteStream(file);
      gz.pipe(out).on('finish', resolve).on('error', reject);
      let written = 0;
      const write = () => {
        while (written < mb) {
          written++;
          if (!gz.write(lines)) return gz.once('drain', write);
        }
        gz.end();
      };
      write();
    });
    const run = await measure(
      ['node', join(repo, 'bin/tightrole.js'), 'generate', '--cloudtrail', file, '--jobs', '1'],
      repo,
    );
    const { statSync } = await import('node:fs');
    return { ...run, gzBytes: statSync(file).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `tightrole diff` with a `--current` of `count` statements (each naming three actions and two resources). */
export async function currentPolicy(repo: string, count: number): Promise<Measured & { bytes: number }> {
  ensureBuilt(repo, (line) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), 'tightrole-current-'));
  try {
    const Statement = Array.from({ length: count }, (_, i) => ({
      Sid: `S${i}`,
      Effect: i % 10 === 0 ? 'Deny' : 'Allow',
      Action: ['dynamodb:GetItem', 's3:GetObject', 'sqs:SendMessage'],
      Resource: [`arn:aws:dynamodb:eu-west-1:123456789012:table/t-${i}`, `arn:aws:s3:::b-${i}/*`],
      ...(i % 3 === 0 ? { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } } : {}),
    }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement });
    const file = join(dir, 'current.json');
    writeFileSync(file, text);
    const command = [
      'node',
      join(repo, 'bin/tightrole.js'),
      'diff',
      '--cloudtrail',
      join(repo, 'samples/cloudtrail'),
    ];
    const run = await measure(
      [...command, '--role', 'orders-api-role', '--current', file, '--jobs', '1'],
      repo,
    );
    return { ...run, bytes: text.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
