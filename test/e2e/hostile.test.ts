import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { writeHostileCorpus, writeLargeHostileFiles } from '../../scripts/make-hostile-corpus.ts';
import { realCatalog } from '../support/catalog.ts';
import { runCli } from '../support/run-cli.ts';

// eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
const FIXTURES = new URL('../fixtures/hostile/', import.meta.url).pathname;

interface Report {
  ingest: {
    records: number;
    used: number;
    skipped: { reason: string; count: number }[];
    unmapped: { count: number }[];
    unresolvedResources: { action: string }[];
  };
}

describe('e2e: hostile input (test/fixtures/hostile, from scripts/make-hostile-corpus.ts)', () => {
  let run: Awaited<ReturnType<typeof runCli>>;
  let report: Report;
  let output: Record<string, PolicyDocument>;

  before(async () => {
    const dir = tempDir('tightrole-hostile-');
    const reportPath = join(dir, 'report.json');
    run = await runCli([
      'generate',
      '--cloudtrail',
      FIXTURES,
      '--jobs',
      '1',
      '--generalize',
      'none',
      '--report',
      reportPath,
    ]);
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    output = JSON.parse(run.stdout) as Record<string, PolicyDocument>;
  });

  it('the committed fixtures are what the script writes', () => {
    const dir = tempDir('tightrole-hostile-fresh-');
    writeHostileCorpus(dir);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).equals(readFileSync(join(FIXTURES, name))), name).to.equal(true);
    }
  });

  it('keeps going: exit 0, and every bad file is named with its reason', () => {
    expect(run.code, run.stderr).to.equal(0);
    for (const [file, reason] of [
      ['not-gzip.json.gz', 'not gzip data'],
      ['truncated.json.gz', 'gzip: unexpected end of file'],
      ['invalid.json', 'invalid JSON'],
      ['truncated-records.json', 'truncated: the Records array does not end'],
      ['wrong-shape.json', 'not a CloudTrail document'],
      ['scalar.json', 'not a CloudTrail document'],
      ['non-utf8.json', 'invalid UTF-8'],
    ]) {
      expect(run.stderr).to.include(`${join(FIXTURES, file!)}: ${reason}`);
    }
  });

  it('puts no raw control character, ANSI escape or bidi override on the terminal', () => {
    expect(run.stderr).not.to.match(RAW_CONTROL);
    expect(run.stdout.replace(/\n/g, '')).not.to.match(RAW_CONTROL);
  });

  it('accounts for every record: records = used + skipped + unmapped', () => {
    const skipped = report.ingest.skipped.reduce((n, s) => n + s.count, 0);
    const unmapped = report.ingest.unmapped.reduce((n, s) => n + s.count, 0);
    expect(report.ingest.used + skipped + unmapped).to.equal(report.ingest.records);
    expect(report.ingest.skipped.map((s) => s.reason)).to.include.members([
      'invalid-principal',
      'malformed-record',
      'malformed-resource',
      'not-an-object',
    ]);
  });

  it('never widens: exact catalog actions, and no wildcard from log data in any resource', async () => {
    const catalog = await realCatalog('s3', 'dynamodb', 'sqs', 'lambda');
    for (const policy of Object.values(output)) {
      for (const s of policy.Statement) {
        for (const a of s.Action ?? [])
          expect(catalog.actionOf(a as `${string}:${string}`)?.action, a).to.equal(a);
        for (const r of s.Resource ?? []) {
          if (r === '*') continue;
          expect(r.replace(/\$\{[*?$]\}/g, ''), r).not.to.match(/[*?]|\$\{/);
        }
      }
    }
  });

  it('keeps the good records of each damaged file (truncated gzip/JSON, deep nesting, BOM, non-UTF-8, lookup-events)', async () => {
    for (const file of [
      'truncated.json.gz',
      'truncated-records.json',
      'deep.json',
      'bom.json',
      'non-utf8.json',
      'lookup-events.json',
      'records-of-wrong-type.json',
    ]) {
      const r = await runCli(['generate', '--cloudtrail', join(FIXTURES, file), '--jobs', '1']);
      expect(r.code, `${file}: ${r.stderr}`).to.equal(0);
      const policy = JSON.parse(r.stdout) as PolicyDocument;
      expect(
        policy.Statement.flatMap((s) => s.Resource ?? []),
        file,
      ).to.deep.equal(['arn:aws:s3:::victim-bucket/ok.txt']);
    }
  });

  it('escapes names from records, and grants "*" only for calls it reports as unresolved', () => {
    const victim = output['arn:aws:iam::123456789012:role/victim-role']!;
    const putObject = victim.Statement.find((s) => s.Action?.includes('s3:PutObject'));
    expect(putObject?.Resource).to.include('arn:aws:s3:::victim-bucket/uploads/a${*}b${?}c');
    expect(putObject?.Resource).to.include('arn:aws:s3:::victim-bucket/uploads/${$}{aws:username}');
    const starred = victim.Statement.filter((s) => s.Resource?.includes('*')).flatMap((s) => s.Action ?? []);
    const unresolved = report.ingest.unresolvedResources.map((u) => u.action);
    expect(starred.length).to.be.greaterThan(0);
    expect(unresolved).to.include.members(starred);
  });

  it('--strict turns the same corpus into exit 1', async () => {
    expect((await runCli(['generate', '--strict', '--cloudtrail', FIXTURES, '--jobs', '1'])).code).to.equal(
      1,
    );
  });

  it('caps distinct facts with a clear error', async () => {
    const capped = await runCli(['generate', '--cloudtrail', FIXTURES, '--jobs', '1', '--max-facts', '3']);
    expect(capped.code).to.equal(1);
    expect(capped.stderr).to.match(/more than 3 distinct facts; raise --max-facts/);
  });

  it('writes --out files only inside DIR, whatever the role path', async () => {
    const out = tempDir('tightrole-hostile-out-');
    const r = await runCli([
      'generate',
      '--cloudtrail',
      FIXTURES,
      '--jobs',
      '2',
      '--out',
      join(out, 'policies'),
    ]);
    expect(r.code).to.equal(0);
    expect(readdirSync(out)).to.deep.equal(['policies']);
    expect(readdirSync(join(out, 'policies')).sort()).to.deep.equal([
      'index.json',
      'passwd.json',
      'victim-role.json',
    ]);
  });

  it('skips a record with a 50 MB string and reads a million tiny records, keeping the rest', async function () {
    this.timeout(120_000);
    const dir = tempDir('tightrole-hostile-large-');
    writeLargeHostileFiles(dir);
    const reportPath = join(dir, 'report.json');
    const r = await runCli(['generate', '--cloudtrail', dir, '--jobs', '1', '--report', reportPath]);
    expect(r.code, r.stderr).to.equal(0);
    const big = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    expect(big.ingest.records).to.equal(1_000_002);
    expect(big.ingest.skipped.find((s) => s.reason === 'record-too-large')?.count).to.equal(1);
    expect(big.ingest.skipped.find((s) => s.reason === 'malformed-record')?.count).to.equal(1_000_000);
    expect((JSON.parse(r.stdout) as PolicyDocument).Statement[0]!.Action).to.deep.equal(['s3:PutObject']);
  });
});
