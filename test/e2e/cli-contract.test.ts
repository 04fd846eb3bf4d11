import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cloudTrailRecord } from '../support/records.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';

function corpusDir(files: Record<string, Uint8Array | string>): string {
  const dir = tempDir('tightrole-cli-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const good = JSON.stringify({ Records: [cloudTrailRecord()] });

describe('CLI contract', () => {
  it('roles lists the roles with call counts', async () => {
    const run = await runCli(['roles', '--cloudtrail', join(SAMPLES, 'cloudtrail')]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/CALLS\s+DENIED\s+FAILED\s+ACTIONS\s+ROLE/);
    expect(run.stdout).to.include('arn:aws:iam::123456789012:role/service-role/orders-api-role');
  });

  it('reports a bad file with its path and reason, and still uses the good ones (exit 0)', async () => {
    const dir = corpusDir({ 'a.json': good, 'b.json.gz': 'not gzip', 'c.json': '{"Records": [' });
    const run = await runCli(['generate', '--cloudtrail', dir]);
    expect(run.code).to.equal(0);
    expect(run.stderr).to.include(`${join(dir, 'b.json.gz')}: not gzip data`);
    expect(run.stderr).to.include(`${join(dir, 'c.json')}: truncated: the Records array does not end`);
    expect(JSON.parse(run.stdout).Statement[0].Action).to.deep.equal(['dynamodb:GetItem']);
  });

  it('--strict turns any input problem into exit 1', async () => {
    const dir = corpusDir({ 'a.json': good, 'b.json.gz': gzipSync('x').subarray(0, 5) });
    const run = await runCli(['generate', '--strict', '--cloudtrail', dir]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/--strict: 1 unreadable file problem/);
  });

  it('exits 1 with a clear message when nothing usable was found', async () => {
    const dir = corpusDir({
      'a.json': JSON.stringify({ Records: [cloudTrailRecord({ errorCode: 'AccessDenied' })] }),
    });
    const run = await runCli(['generate', '--cloudtrail', dir]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/no successful calls for any role in 1 record\(s\) from 1 file\(s\)/);
  });

  it('--include-denied allows AccessDenied calls', async () => {
    const dir = corpusDir({
      'a.json': JSON.stringify({ Records: [cloudTrailRecord({ errorCode: 'AccessDenied' })] }),
    });
    const run = await runCli(['generate', '--include-denied', '--cloudtrail', dir]);
    expect(run.code).to.equal(0);
    expect(JSON.parse(run.stdout).Statement[0].Action).to.deep.equal(['dynamodb:GetItem']);
  });

  it('--since/--until select by eventTime (ISO or relative)', async () => {
    const dir = corpusDir({
      'a.json': JSON.stringify({
        Records: [
          cloudTrailRecord({ eventTime: '2026-11-20T10:00:00Z' }),
          cloudTrailRecord({ eventTime: '2026-11-24T10:00:00Z', eventName: 'PutItem' }),
        ],
      }),
    });
    const recent = await runCli(['generate', '--since', '2d', '--cloudtrail', dir], {
      now: new Date('2026-11-25T00:00:00Z'),
    });
    expect(JSON.parse(recent.stdout).Statement[0].Action).to.deep.equal(['dynamodb:PutItem']);
    const old = await runCli(['generate', '--until', '2026-11-21', '--cloudtrail', dir]);
    expect(JSON.parse(old.stdout).Statement[0].Action).to.deep.equal(['dynamodb:GetItem']);
  });

  it('reads stdin with -', async () => {
    const run = await runCli(['generate', '--cloudtrail', '-'], { stdin: new TextEncoder().encode(good) });
    expect(run.code).to.equal(0);
    expect(JSON.parse(run.stdout).Statement[0].Action).to.deep.equal(['dynamodb:GetItem']);
  });

  it('exits 2 on usage errors, naming the problem', async () => {
    expect((await runCli(['generate'])).code).to.equal(2);
    expect((await runCli(['generate', '--cloudtrail', 'x', '--since', 'yesterday'])).stderr).to.match(
      /--since "yesterday"/,
    );
    expect((await runCli(['frobnicate'])).code).to.equal(2);
  });

  it('never writes outside --out whatever the role name', async () => {
    const evil = cloudTrailRecord({ roleArn: 'arn:aws:iam::123456789012:role/..' });
    const dir = corpusDir({ 'a.json': JSON.stringify({ Records: [evil, cloudTrailRecord()] }) });
    const out = join(dir, 'out');
    const run = await runCli(['generate', '--cloudtrail', dir, '--out', out]);
    expect(run.code).to.equal(0);
    expect(readdirSync(out).sort()).to.deep.equal(['index.json', 'orders-api-role.json', 'policy.json']);
    expect(readdirSync(dir).sort()).to.deep.equal(['a.json', 'out']);
  });
});
