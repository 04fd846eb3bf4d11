import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';
import { expandPaths } from '../../src/sources/expand-paths.ts';
import { realCatalog } from '../support/catalog.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';
import { grantedObservations, expectSound } from '../support/soundness.ts';

const CLOUDTRAIL = join(SAMPLES, 'cloudtrail');

/** The sample's three functions and their roles (samples/README.md). */
const SAMPLE_FUNCTIONS = [
  ['arn:aws:iam::123456789012:role/nightly-report-role', 'nightly-report'],
  ['arn:aws:iam::123456789012:role/receipt-worker-role', 'receipt-worker'],
  ['arn:aws:iam::123456789012:role/service-role/orders-api-role', 'orders-api'],
] as const;

/** What the Lambda runtime does with each function role that no trail records: its log writes. */
const SAMPLE_BASELINES = SAMPLE_FUNCTIONS.flatMap(([role]) => [
  `${role} logs:CreateLogGroup`,
  `${role} logs:PutLogEvents`,
]);

describe('e2e: tightrole generate on samples/', () => {
  let output: Record<string, PolicyDocument>;

  before(async () => {
    const run = await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--jobs', '1']);
    expect(run.code, run.stderr).to.equal(0);
    output = JSON.parse(run.stdout) as Record<string, PolicyDocument>;
  });

  it('writes one policy per role that made a successful call', () => {
    expect(Object.keys(output)).to.deep.equal([
      'arn:aws:iam::123456789012:role/deploy-role',
      'arn:aws:iam::123456789012:role/nightly-report-role',
      'arn:aws:iam::123456789012:role/receipt-worker-role',
      'arn:aws:iam::123456789012:role/service-role/orders-api-role',
    ]);
  });

  it('allows every successful call in the logs, and no action it did not see (independent evaluator check)', async () => {
    const files = await expandPaths([CLOUDTRAIL]);
    const records = files.flatMap(
      (f) => (JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: unknown[] }).Records,
    );
    const observations = await grantedObservations(await realCatalog(), records);
    expect(observations.length).to.be.greaterThan(3000);
    expectSound(new Map(Object.entries(output)), observations, SAMPLE_BASELINES);
  });

  it("lets each function's runtime write its logs on a later day and to a published version's stream", () => {
    for (const [role, fn] of SAMPLE_FUNCTIONS) {
      const group = `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/${fn}`;
      const calls = [
        ['logs:CreateLogGroup', `${group}:*`],
        ['logs:CreateLogStream', `${group}:log-stream:2027/01/05/[7]abcdef0123456789`],
        ['logs:PutLogEvents', `${group}:log-stream:2027/01/05/[7]abcdef0123456789`],
        ['logs:PutLogEvents', `${group}:log-stream:2027/01/05/[$LATEST]0123456789abcdef`],
      ] as const;
      for (const [action, resource] of calls) {
        const r = evaluateRequest([output[role]!], { action, resource, context: {} });
        expect(r.decision, `${role} ${action} ${resource}`).to.equal('allowed');
      }
      // Scoped to the function's own group: another function's group stays denied.
      const other = evaluateRequest([output[role]!], {
        action: 'logs:PutLogEvents',
        resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/someone-else:log-stream:x',
        context: {},
      });
      expect(other.decision).to.equal('implicit-deny');
    }
  });

  it("adds X-Ray's trace writes when X-Ray traces show the function traced, not for OTel spans alone", async () => {
    const traces = join(SAMPLES, 'traces');
    const xrayActions = async (flags: string[]) => {
      const run = await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--jobs', '1', ...flags]);
      expect(run.code, run.stderr).to.equal(0);
      const policies = JSON.parse(run.stdout) as Record<string, PolicyDocument>;
      return SAMPLE_FUNCTIONS.map(([role]) =>
        (policies[role]?.Statement ?? []).flatMap((s) => s.Action ?? []).filter((a) => a.startsWith('xray:')),
      );
    };
    const both = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    expect(await xrayActions(['--xray', join(traces, 'xray')])).to.deep.equal([both, both, both]);
    expect(await xrayActions(['--otel', join(traces, 'otel')])).to.deep.equal([[], [], []]);
  });

  it('--no-baseline leaves out the log writes no trail records', async () => {
    const run = await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--jobs', '1', '--no-baseline']);
    expect(run.code, run.stderr).to.equal(0);
    const bare = JSON.parse(run.stdout) as Record<string, PolicyDocument>;
    const actions = Object.values(bare).flatMap((p) => p.Statement.flatMap((s) => s.Action ?? []));
    expect(actions).to.include('logs:CreateLogStream');
    expect(actions).not.to.include('logs:PutLogEvents');
    expect(actions).not.to.include('logs:CreateLogGroup');
  });

  it('spells out no object key or log stream, and uses "*" only where IAM requires it', () => {
    const text = JSON.stringify(output);
    expect(text).not.to.match(/r-[0-9a-f]{8}-/);
    expect(text).not.to.match(/\[\$\{\$\}LATEST\][0-9a-f]/);
    const star = Object.values(output).flatMap((p) =>
      p.Statement.filter((s) => s.Resource?.includes('*')).flatMap((s) => s.Action ?? []),
    );
    expect(star).to.deep.equal(['cloudwatch:PutMetricData']);
  });

  it('lets each Lambda role write its log streams on a later day and for a published version, from the observed calls alone (--no-baseline), in safe and aggressive mode', async () => {
    const modes: Record<string, Record<string, PolicyDocument>> = {};
    for (const mode of ['safe', 'aggressive']) {
      const run = await runCli([
        'generate',
        '--cloudtrail',
        CLOUDTRAIL,
        '--jobs',
        '1',
        '--no-baseline',
        '--generalize',
        mode,
      ]);
      expect(run.code, run.stderr).to.equal(0);
      modes[mode] = JSON.parse(run.stdout) as Record<string, PolicyDocument>;
    }
    const functions: Record<string, string> = {
      'arn:aws:iam::123456789012:role/service-role/orders-api-role': 'orders-api',
      'arn:aws:iam::123456789012:role/receipt-worker-role': 'receipt-worker',
      'arn:aws:iam::123456789012:role/nightly-report-role': 'nightly-report',
    };
    for (const [mode, policies] of Object.entries(modes)) {
      for (const [role, fn] of Object.entries(functions)) {
        const group = `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/${fn}`;
        for (const stream of [
          '2027/01/05/[$LATEST]0123456789abcdef0123456789abcdef',
          '2027/01/05/[7]abcdef0123456789abcdef0123456789',
        ]) {
          const decision = evaluateRequest([policies[role]!], {
            action: 'logs:CreateLogStream',
            resource: `${group}:log-stream:${stream}`,
            context: { 'aws:RequestedRegion': 'eu-west-1' },
          }).decision;
          expect(decision, `${mode} ${fn} ${stream}`).to.equal('allowed');
        }
      }
    }
  });

  it('puts conditions where all evidence agrees: VPC endpoint, kms:ViaService, region on *', () => {
    const worker = output['arn:aws:iam::123456789012:role/receipt-worker-role']!;
    const kms = worker.Statement.find((s) => s.Action?.includes('kms:Decrypt'));
    expect(kms?.Condition).to.deep.equal({
      StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] },
    });
    const s3 = worker.Statement.find((s) => s.Action?.includes('s3:GetObject'));
    expect(s3?.Condition?.['StringEquals']?.['aws:SourceVpce']).to.deep.equal(['vpce-0a1b2c3d4e5f67890']);
    const sns = worker.Statement.find((s) => s.Action?.includes('sns:Publish'));
    expect(sns?.Condition).to.equal(undefined);
  });

  it('adds iam:PassRole for a call that passed a role, scoped to it and the receiving service', () => {
    const deploy = output['arn:aws:iam::123456789012:role/deploy-role']!;
    const pass = deploy.Statement.find((s) => s.Action?.includes('iam:PassRole'));
    expect(pass?.Resource).to.deep.equal(['arn:aws:iam::123456789012:role/receipt-worker-role']);
    expect(pass?.Condition).to.deep.equal({
      StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] },
    });
  });

  it('is byte-identical whatever the file order or thread count', async () => {
    const files = await expandPaths([CLOUDTRAIL]);
    const reversed = await runCli(['generate', '--jobs', '1', '--cloudtrail', ...[...files].reverse()]);
    const threaded = await runCli(['generate', '--jobs', '2', '--cloudtrail', CLOUDTRAIL]);
    const baseline = `${JSON.stringify(output, null, 2)}\n`;
    expect(reversed.stdout).to.equal(baseline);
    expect(threaded.stdout).to.equal(baseline);
  });

  it('prints a bare document for one role, and writes one file per role with --out', async () => {
    const one = await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--role', 'nightly-report-role']);
    expect(JSON.parse(one.stdout)).to.have.property('Version', '2012-10-17');
    const dir = tempDir('tightrole-out-');
    const out = await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--out', dir]);
    expect(out.code).to.equal(0);
    expect(readdirSync(dir).sort()).to.deep.equal([
      'deploy-role.json',
      'index.json',
      'nightly-report-role.json',
      'orders-api-role.json',
      'receipt-worker-role.json',
    ]);
  });

  it('writes a report whose counts add up', async () => {
    const dir = tempDir('tightrole-report-');
    const path = join(dir, 'report.json');
    await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--report', path]);
    const report = JSON.parse(readFileSync(path, 'utf8')) as {
      ingest: { records: number; used: number; skipped: { count: number }[]; unmapped: { count: number }[] };
      actions: { action: string; calls: number }[];
    };
    const skipped = report.ingest.skipped.reduce((n, s) => n + s.count, 0);
    const unmapped = report.ingest.unmapped.reduce((n, s) => n + s.count, 0);
    expect(report.ingest.records).to.equal(3742);
    expect(report.ingest.used + skipped + unmapped).to.equal(report.ingest.records);
    expect(report.actions.find((a) => a.action === 'dynamodb:GetItem')?.calls).to.be.greaterThan(100);
  });
});
