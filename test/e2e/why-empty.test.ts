import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainNoCalls } from '../../src/app/why-empty.ts';
import type { IngestReport } from '../../src/model/observation.ts';
import { cloudTrailRecord } from '../support/records.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';

describe('e2e: --strict and "no successful calls" say what happened', () => {
  const dirs: string[] = [];
  const corpus = (records: unknown[]) => {
    const dir = tempDir('tightrole-why-');
    dirs.push(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: records }));
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('--strict fails on malformed-record skips, not only on unreadable files', async () => {
    const dir = corpus([cloudTrailRecord(), cloudTrailRecord({ eventSource: 42 }), 'not a record']);
    const relaxed = await runCli(['generate', '--cloudtrail', dir]);
    expect(relaxed.code).to.equal(0);
    const strict = await runCli(['generate', '--strict', '--cloudtrail', dir]);
    expect(strict.code).to.equal(1);
    expect(strict.stderr).to.match(
      /--strict: 0 unreadable file problem\(s\) and 2 bad record\(s\) \(.*malformed-record/,
    );
    expect(strict.stdout).to.equal('');
  });

  it('--strict still passes records that are merely not selected (other roles, outside the window)', async () => {
    const dir = corpus([
      cloudTrailRecord(),
      cloudTrailRecord({ roleArn: 'arn:aws:iam::123456789012:role/other' }),
    ]);
    const run = await runCli(['generate', '--strict', '--cloudtrail', dir, '--role', 'orders-api-role']);
    expect(run.code).to.equal(0);
  });

  it('the --since window against the data', async () => {
    const dir = corpus([cloudTrailRecord()]);
    const run = await runCli(['generate', '--cloudtrail', dir, '--since', '2026-11-24']);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(
      /1 record\(s\) fell outside the window 2026-11-24\S* \.\. now \(e\.g\. .*2026-11-20T10:15:00(\.000)?Z\)/,
    );
  });

  it('a role given without its path: suggests the name', async () => {
    const dir = corpus([cloudTrailRecord()]);
    const run = await runCli(['generate', '--cloudtrail', dir, '--role', 'role/orders-api-role']);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include(
      '--role role/orders-api-role matches no role, but the logs have arn:aws:iam::123456789012:role/service-role/orders-api-role: pass --role orders-api-role',
    );
  });

  it('every record malformed: says so with the first reason', async () => {
    const dir = corpus([cloudTrailRecord({ eventSource: 42 })]);
    const run = await runCli(['generate', '--cloudtrail', dir]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/all 1 record\(s\) were malformed \(malformed-record: .*eventSource/);
  });

  it('an s3:// listing that found no objects names the prefix listed', () => {
    const report: IngestReport = {
      files: 0,
      records: 0,
      observations: 0,
      used: 0,
      skipped: [],
      unmapped: [],
      unresolvedResources: [],
    } as unknown as IngestReport;
    expect(explainNoCalls({ cloudtrail: ['s3://trail-bucket/AWSLogs/'], roles: [] }, report)).to.equal(
      'no successful calls for any role in 0 record(s) from 0 file(s): listing s3://trail-bucket/AWSLogs/ found no objects (check the bucket, the prefix and --account/--region)',
    );
  });

  it('LookupEvents pages are not files', () => {
    const report = { files: 3, records: 0, skipped: [] } as unknown as IngestReport;
    expect(explainNoCalls({ cloudtrail: [], roles: [], aws: { lookup: {} } as never }, report)).to.match(
      /from 3 LookupEvents page\(s\)$/,
    );
  });

  it('on the samples: a window past the data names the window (no file is opened)', async () => {
    const run = await runCli([
      'generate',
      '--cloudtrail',
      join(SAMPLES, 'cloudtrail'),
      '--since',
      '2030-01-01',
    ]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(
      /no file's delivery time falls in the window 2030-01-01T00:00:00\.000Z \.\. now/,
    );
  });

  it('on the samples: role/orders-api-role (the logs have role/service-role/...) suggests the bare name', async () => {
    const run = await runCli([
      'generate',
      '--cloudtrail',
      join(SAMPLES, 'cloudtrail'),
      '--role',
      'role/orders-api-role',
    ]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('pass the name alone (--role orders-api-role)');
    const fixed = await runCli([
      'generate',
      '--cloudtrail',
      join(SAMPLES, 'cloudtrail'),
      '--role',
      'orders-api-role',
    ]);
    expect(fixed.code).to.equal(0);
  });
});
