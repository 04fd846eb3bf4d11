import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// generate / diff with the function configuration of samples/account/lambda (list-functions with
// VpcConfig and LoggingConfig, list-event-source-mappings) and the trust policies of
// samples/account/iam-authorization-details.json.
const LAMBDA = `${SAMPLES}account/lambda`;
const IAM = `${SAMPLES}account/iam-authorization-details.json`;
const base = (role: string, ...extra: string[]) => [
  'generate',
  '--cloudtrail',
  `${SAMPLES}cloudtrail`,
  '--role',
  role,
  '--jobs',
  '1',
  ...extra,
];
const ec2 = (r: string) => `arn:aws:ec2:eu-west-1:123456789012:${r}`;
const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:order-events';

async function policy(...args: string[]): Promise<PolicyDocument> {
  const run = await runCli(args);
  expect(run.code, run.stderr).to.equal(0);
  return JSON.parse(run.stdout) as PolicyDocument;
}

const allows = (doc: PolicyDocument, action: string, resource: string, context = {}) =>
  evaluateRequest([doc], { action, resource, context }).decision === 'allowed';

describe("e2e: generate with the functions' configuration (--lambda, --iam)", function () {
  this.timeout(120_000);

  it('grants the VPC function its ENI actions on its subnets and security group; not without --lambda', async () => {
    const doc = await policy(...base('nightly-report-role', '--lambda', LAMBDA));
    for (const subnet of ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'])
      expect(allows(doc, 'ec2:CreateNetworkInterface', ec2(`subnet/${subnet}`))).to.equal(true);
    expect(allows(doc, 'ec2:CreateNetworkInterface', ec2('security-group/sg-0c3d4e5f607182930'))).to.equal(
      true,
    );
    expect(allows(doc, 'ec2:CreateNetworkInterface', ec2('subnet/subnet-0f0f0f0f0f0f0f0f0'))).to.equal(false);
    expect(
      allows(doc, 'ec2:DeleteNetworkInterface', ec2('network-interface/eni-0123456789abcdef0')),
    ).to.equal(true);
    expect(allows(doc, 'ec2:DescribeNetworkInterfaces', '*')).to.equal(true);
    const without = await policy(...base('nightly-report-role'));
    expect(
      without.Statement.flatMap((s) => s.Action ?? []).filter((a) => a.startsWith('ec2:')),
    ).to.deep.equal([]);
    // The functions outside a VPC get none.
    const orders = await policy(...base('orders-api-role', '--lambda', LAMBDA));
    expect(orders.Statement.flatMap((s) => s.Action ?? []).filter((a) => a.startsWith('ec2:'))).to.deep.equal(
      [],
    );
  });

  it("grants receipt-worker's SQS polling on its mapping's queue, without the aws:SourceVpce of its own calls", async () => {
    const doc = await policy(...base('receipt-worker-role', '--lambda', LAMBDA));
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'])
      expect(allows(doc, action, QUEUE), action).to.equal(true);
    expect(allows(doc, 'sqs:ReceiveMessage', `${QUEUE}-dlq`)).to.equal(false);
    // The observed, conditioned statement is folded into the baseline that covers it.
    const sqs = doc.Statement.filter((s) => (s.Action ?? []).some((a) => a.startsWith('sqs:')));
    expect(sqs.map((s) => [s.Resource, s.Condition])).to.deep.equal([[[QUEUE], undefined]]);
    const without = await policy(...base('receipt-worker-role'));
    expect(allows(without, 'sqs:ReceiveMessage', QUEUE)).to.equal(false);
  });

  it('marks every added grant inferred in --explain and the report; --no-baseline turns them off', async () => {
    const dir = tempDir('generate-lambda');
    const report = join(dir, 'report.json');
    const run = await runCli([
      ...base('nightly-report-role', '--lambda', LAMBDA, '--iam', IAM, '--explain', '--report', report),
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.match(/ec2:CreateNetworkInterface: 0 \(inferred: platform baseline lambda-vpc\)/);
    const written = JSON.parse(readFileSync(report, 'utf8')) as {
      platform: {
        functions: { name: string; evidence: string[]; logGroupFrom: string; vpc?: unknown }[];
        baselines: { baseline: string; evidence: string[] }[];
      };
    };
    const [fn] = written.platform.functions;
    expect(fn).to.deep.include({ name: 'nightly-report', logGroupFrom: 'config' });
    expect(fn?.evidence).to.include.members(['function-config', 'trust-policy']);
    expect(written.platform.baselines.map((b) => b.baseline)).to.deep.equal(['lambda-logs', 'lambda-vpc']);
    const off = await policy(...base('nightly-report-role', '--lambda', LAMBDA, '--no-baseline'));
    expect(off.Statement.flatMap((s) => s.Action ?? []).filter((a) => a.startsWith('ec2:'))).to.deep.equal(
      [],
    );
  });

  it('diff lists the polling grants as inferred, never as unused', async () => {
    const run = await runCli([
      'diff',
      '--cloudtrail',
      `${SAMPLES}cloudtrail`,
      '--role',
      'receipt-worker-role',
      '--current',
      `${SAMPLES}current-policies/receipt-worker-role.json`,
      '--lambda',
      LAMBDA,
      '--format',
      'json',
      '--jobs',
      '1',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const diff = JSON.parse(run.stdout) as {
      unused: { actions: string[] }[];
      inferred: { action: string; baseline: string }[];
    };
    const polling = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];
    expect(
      diff.inferred.filter((g) => g.baseline === 'lambda-sqs-source').map((g) => g.action),
    ).to.deep.equal(polling);
    expect(diff.unused.flatMap((g) => g.actions).filter((a) => polling.includes(a))).to.deep.equal([]);
  });

  it('knows a role only Lambda may assume as a Lambda role from --iam alone', async () => {
    const dir = tempDir('generate-iam');
    const report = join(dir, 'report.json');
    const run = await runCli([...base('orders-api-role', '--iam', IAM, '--report', report)]);
    expect(run.code, run.stderr).to.equal(0);
    const written = JSON.parse(readFileSync(report, 'utf8')) as {
      platform: { functions: { name: string; evidence: string[] }[] };
    };
    expect(
      written.platform.functions.map((f) => [f.name, f.evidence.includes('trust-policy')]),
    ).to.deep.equal([['orders-api', true]]);
  });

  it('warns about an unreadable --lambda input and goes on; --strict fails the run on it', async () => {
    const missing = `${SAMPLES}account/no-such-lambda-dir`;
    const run = await runCli(base('orders-api-role', '--lambda', missing));
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.include(`${missing}: no such file or directory`);
    const strict = await runCli(base('orders-api-role', '--lambda', missing, '--strict'));
    expect(strict.code).to.equal(1);
    expect(strict.stderr).to.match(/--strict: 1 problem\(s\) in the function configuration/);
  });
});
