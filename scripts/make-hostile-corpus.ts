/**
 * Writes test/fixtures/hostile/: corrupt and hostile CloudTrail files (see docs/security.md).
 * The very large cases (a 50 MB string, a million tiny records) are built at test time instead of
 * being committed: `writeLargeHostileFiles(dir)`.
 * Usage: node --import tsx scripts/make-hostile-corpus.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { deepRecord, hostileBase, hostileRecords } from './lib/hostile-records.ts';

export function writeHostileCorpus(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const good = JSON.stringify({ Records: [hostileBase({})] });
  const twoRecords = JSON.stringify({ Records: [hostileBase({}), hostileBase({ eventName: 'PutObject' })] });
  const full = gzipSync(
    JSON.stringify({ Records: Array.from({ length: 300 }, (_, i) => hostileBase({ eventID: `id-${i}` })) }),
  );
  const files: Record<string, string | Uint8Array> = {
    'hostile-fields.json': JSON.stringify({ Records: hostileRecords() }),
    'good.json.gz': gzipSync(good),
    'not-gzip.json.gz': good,
    'truncated.json.gz': full.subarray(0, Math.floor(full.length * 0.7)),
    'invalid.json': '{"eventName": "GetObject", ',
    'truncated-records.json': twoRecords.slice(0, twoRecords.length - 100),
    'wrong-shape.json': JSON.stringify({ hello: 'world', Records: 'not a list' }),
    'scalar.json': '42',
    'bom.json': `\ufeff${good}`,
    'records-of-wrong-type.json': JSON.stringify({ Records: [1, 'two', null, [], hostileBase({})] }),
    'deep.json': `{"Records":[${deepRecord(5000)},${JSON.stringify(hostileBase({}))}]}`,
    'too-deep-document.json': `${'['.repeat(200000)}${']'.repeat(200000)}`,
    'empty.json': '',
    'lookup-events.json': JSON.stringify({
      Events: [
        { CloudTrailEvent: JSON.stringify(hostileBase({})) },
        { CloudTrailEvent: '{broken' },
        { CloudTrailEvent: 42 },
      ],
    }),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const bytes = Buffer.from(good, 'utf8');
  const at = bytes.indexOf('aws-sdk-js/3') + 4;
  writeFileSync(
    join(dir, 'non-utf8.json'),
    // Invalid UTF-8 inside the user agent, a field that does not matter: the record must survive.
    Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3]), bytes.subarray(at)]),
  );
}

/** The large cases, written at test time: one record with a 50 MB string, and a million tiny records. */
export function writeLargeHostileFiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const big = JSON.stringify(hostileBase({ userAgent: 'x'.repeat(50 * 1024 * 1024) }));
  writeFileSync(
    join(dir, 'fifty-mb-string.json'),
    `{"Records":[${big},${JSON.stringify(hostileBase({ eventName: 'PutObject' }))}]}`,
  );
  const tiny = '{}';
  writeFileSync(
    join(dir, 'million-tiny.json.gz'),
    gzipSync(`{"Records":[${Array.from({ length: 1_000_000 }, () => tiny).join(',')}]}`),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeHostileCorpus(new URL('../test/fixtures/hostile/', import.meta.url).pathname);
  console.log('wrote test/fixtures/hostile/');
}
