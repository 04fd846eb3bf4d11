import { expect } from 'chai';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePolicyDocument } from '../../src/policy/parse.ts';
import { policiesFromHcl } from '../support/hcl-to-policy.ts';
import { expectGolden } from '../support/local-golden.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const validate = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(`${ROOT}schemas/audit.schema.json`, 'utf8')) as object,
);
const IAM = `${SAMPLES}account/iam-authorization-details.json`;
const LAMBDA = `${SAMPLES}account/lambda`;
const audit = (...extra: string[]) => [
  'audit',
  '--cloudtrail',
  `${SAMPLES}cloudtrail`,
  '--iam',
  IAM,
  '--lambda',
  LAMBDA,
  ...extra,
];
const boundary = (...extra: string[]) => [
  'boundary',
  '--cloudtrail',
  `${SAMPLES}cloudtrail`,
  '--role-pattern',
  '*-role',
  ...extra,
];
const relative = (text: string) => text.replaceAll(SAMPLES, 'samples/');

describe('e2e: tightrole audit on the samples', function () {
  this.timeout(120_000);

  for (const [format, ext] of [
    ['text', 'txt'],
    ['markdown', 'md'],
    ['json', 'json'],
  ] as const) {
    it(`--format ${format} matches test/golden/audit/samples.${ext}`, async () => {
      const run = await runCli(audit('--format', format, '--jobs', '1'));
      expect(run.code, run.stderr).to.equal(0);
      await expectGolden(`audit/samples.${ext}`, relative(run.stdout));
    });
  }

  it('JSON validates against schemas/audit.schema.json and ranks the admin role first', async () => {
    const run = await runCli(audit('--format', 'json', '--jobs', '1'));
    const value = JSON.parse(run.stdout) as { roles: { role: string; exposure: string; fix: string }[] };
    expect(validate(value), JSON.stringify(validate.errors)).to.equal(true);
    expect(validate({ ...value, extra: 1 })).to.equal(false);
    expect(value.roles[0]!.role).to.equal('arn:aws:iam::123456789012:role/legacy-export-role');
    const orders = value.roles.find((r) => r.role.endsWith('/orders-api-role'))!;
    expect(orders.exposure).to.equal('public');
    expect(orders.fix).to.match(/^tightrole diff --cloudtrail .* --role orders-api-role --current /);
  });

  it('the fix it prints for a role runs as printed', async () => {
    const run = await runCli(audit('--format', 'json', '--jobs', '1'));
    const fix = (JSON.parse(run.stdout) as { roles: { role: string; fix: string }[] }).roles.find((r) =>
      r.role.endsWith('/receipt-worker-role'),
    )!.fix;
    const diff = await runCli([...fix.split(' ').slice(1), '--jobs', '1']);
    expect(diff.code, diff.stderr).to.equal(0);
    expect(diff.stdout).to.match(/^tightrole diff: arn:aws:iam::123456789012:role\/receipt-worker-role/);
  });

  it('is the same for any --jobs', async () => {
    const one = await runCli(audit('--format', 'json', '--jobs', '1'));
    const two = await runCli(audit('--format', 'json', '--jobs', '3'));
    expect(two.stdout).to.equal(one.stdout);
  });

  it('a bad IAM or Lambda file is named on stderr; the good files are still used; --strict fails', async () => {
    const dir = tempDir('tightrole-audit-');
    try {
      await mkdir(join(dir, 'lambda'));
      await writeFile(join(dir, 'lambda', 'broken.json'), '{"Functions": [');
      await writeFile(
        join(dir, 'lambda', 'odd.json'),
        '{"Functions": [{"FunctionName": "x\\u001b[2J", "FunctionArn": 7}]}',
      );
      await copyFile(join(LAMBDA, 'list-functions.json'), join(dir, 'lambda', 'list-functions.json'));
      await writeFile(join(dir, 'iam.json'), '[]');
      const args = [
        'audit',
        '--cloudtrail',
        `${SAMPLES}cloudtrail`,
        '--iam',
        IAM,
        join(dir, 'iam.json'),
        '--lambda',
        join(dir, 'lambda'),
        '--jobs',
        '1',
      ];
      const run = await runCli([...args, '--format', 'json']);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.contain(`${join(dir, 'lambda', 'broken.json')}: not JSON`);
      expect(run.stderr).to.contain(`${join(dir, 'lambda', 'odd.json')}: Functions/0`);
      expect(run.stderr).to.contain(`${join(dir, 'iam.json')}: not get-account-authorization-details output`);
      expect(run.stderr).to.not.contain('\u001b');
      const value = JSON.parse(run.stdout) as { roles: unknown[]; problems: string[] };
      expect(value.roles).to.have.length(5);
      expect(value.problems).to.have.length(3);
      const strict = await runCli([...args, '--strict']);
      expect(strict.code).to.equal(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('needs the IAM state and the Lambda configuration (usage error otherwise)', async () => {
    const run = await runCli(['audit', '--cloudtrail', `${SAMPLES}cloudtrail`, '--lambda', LAMBDA]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/--iam FILE\.\.\. or --iam-from-api/);
  });
});

describe('e2e: tightrole boundary on the samples', function () {
  this.timeout(120_000);

  for (const [format, ext] of [
    ['json', 'json'],
    ['terraform', 'tf'],
    ['cloudformation', 'yaml'],
  ] as const) {
    it(`--format ${format} matches test/golden/boundary/samples.${ext}, and says it is proven`, async () => {
      const run = await runCli(boundary('--format', format, '--jobs', '1'));
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.match(/boundary for 4 role\(s\) proven: \d+ observed request\(s\) still allowed/);
      await expectGolden(`boundary/samples.${ext}`, run.stdout);
    });
  }

  it('Terraform and CloudFormation hold the same document as JSON', async () => {
    const json = JSON.parse((await runCli(boundary('--jobs', '1'))).stdout) as unknown;
    const tf = await policiesFromHcl((await runCli(boundary('--format', 'terraform', '--jobs', '1'))).stdout);
    const normal = (doc: unknown) => JSON.stringify(parsePolicyDocument(doc));
    expect(normal(Object.values(tf)[0])).to.equal(normal(json));
    const cfn = parseYaml((await runCli(boundary('--format', 'cloudformation', '--jobs', '1'))).stdout) as {
      Resources: Record<string, { Type: string; Properties: { PolicyDocument: unknown } }>;
    };
    const resource = Object.values(cfn.Resources)[0]!;
    expect(resource.Type).to.equal('AWS::IAM::ManagedPolicy');
    expect(normal(resource.Properties.PolicyDocument)).to.equal(normal(json));
  });

  it('--explain says why each statement exists; --service-level allows services', async () => {
    const run = await runCli(boundary('--explain', '--service-level', '--jobs', '1'));
    expect(run.code, run.stderr).to.equal(0);
    for (const sid of [
      'UsedInSeenAccountsInSeenRegions',
      'DenyPrivilegeEscalation',
      'DenyIamPassRoleElsewhere',
      'DenyBoundaryRemoval',
    ])
      expect(run.stderr).to.contain(`  ${sid}: `);
    expect(run.stdout).to.contain('"dynamodb:*"');
  });

  it('selects roles with --role (repeatable), rejects a bad --name, and needs a role selection', async () => {
    const two = await runCli([
      'boundary',
      '--cloudtrail',
      `${SAMPLES}cloudtrail`,
      '--role',
      'orders-api-role',
      '--role',
      'nightly-report-role',
      '--jobs',
      '1',
    ]);
    expect(two.code, two.stderr).to.equal(0);
    expect(two.stderr).to.match(/boundary for 2 role\(s\) proven/);
    expect(two.stdout).to.not.contain('sqs:ReceiveMessage');
    const bad = await runCli(boundary('--name', 'x"}\n'));
    expect(bad.code).to.equal(2);
    const none = await runCli(['boundary', '--cloudtrail', `${SAMPLES}cloudtrail`]);
    expect(none.code).to.equal(2);
  });
});
