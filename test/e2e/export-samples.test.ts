import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { policiesFromHcl as policiesFromTerraform } from '../support/hcl-to-policy.ts';
import { expectGolden } from '../support/local-golden.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';

const CLOUDTRAIL = join(SAMPLES, 'cloudtrail');

describe('e2e: export formats on the samples', () => {
  let json: Record<string, PolicyDocument>;
  before(async () => {
    json = JSON.parse(
      (await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--jobs', '1'])).stdout,
    ) as Record<string, PolicyDocument>;
  });

  it('--format terraform: a real HCL parser rebuilds exactly the JSON policy of every role (golden)', async () => {
    const run = await runCli([
      'generate',
      '--cloudtrail',
      CLOUDTRAIL,
      '--jobs',
      '1',
      '--format',
      'terraform',
      '--terraform-resource',
      'role-policy',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    await expectGolden('terraform/samples.tf', run.stdout);
    const back = await policiesFromTerraform(run.stdout);
    const byName = Object.fromEntries(
      Object.entries(json).map(([arn, doc]) => [arn.slice(arn.lastIndexOf('/') + 1), doc]),
    );
    expect(back).to.deep.equal(byName);
    expect(run.stdout).to.include('resource "aws_iam_role_policy" "receipt-worker-role"');
  });

  it('--format cloudformation: YAML parses back to the JSON policy of every role (golden)', async () => {
    const run = await runCli([
      'generate',
      '--cloudtrail',
      CLOUDTRAIL,
      '--jobs',
      '1',
      '--format',
      'cloudformation',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    await expectGolden('cloudformation/samples.yaml', run.stdout);
    const parsed = YAML.parse(run.stdout) as {
      Resources: Record<string, { Properties: { RoleName: string; PolicyDocument: PolicyDocument } }>;
    };
    const byRole = Object.fromEntries(
      Object.values(parsed.Resources).map((r) => [r.Properties.RoleName, r.Properties.PolicyDocument]),
    );
    expect(byRole).to.deep.equal(
      Object.fromEntries(
        Object.entries(json).map(([arn, doc]) => [arn.slice(arn.lastIndexOf('/') + 1), doc]),
      ),
    );
  });

  it('--out with --format terraform writes one .tf per role', async () => {
    const dir = tempDir('tightrole-tf-');
    expect(
      (await runCli(['generate', '--cloudtrail', CLOUDTRAIL, '--format', 'terraform', '--out', dir])).code,
    ).to.equal(0);
    expect(readdirSync(dir).sort()).to.deep.equal([
      'deploy-role.tf',
      'index.json',
      'nightly-report-role.tf',
      'orders-api-role.tf',
      'receipt-worker-role.tf',
    ]);
    expect(
      Object.keys(await policiesFromTerraform(readFileSync(join(dir, 'orders-api-role.tf'), 'utf8'))),
    ).to.deep.equal(['orders-api-role']);
  });

  it('convert: a generated document, and AWS CLI output (URL-encoded), to Terraform and CloudFormation', async () => {
    const dir = tempDir('tightrole-convert-');
    const doc = json['arn:aws:iam::123456789012:role/receipt-worker-role']!;
    writeFileSync(
      join(dir, 'p.json'),
      JSON.stringify({
        PolicyVersion: { Document: encodeURIComponent(JSON.stringify(doc)), VersionId: 'v1' },
      }),
    );
    const tf = await runCli(['convert', join(dir, 'p.json'), '--format', 'terraform', '--name', 'worker']);
    expect(tf.code, tf.stderr).to.equal(0);
    expect((await policiesFromTerraform(tf.stdout))['worker']).to.deep.equal(doc);
    const cfn = await runCli(['convert', '-', '--format', 'cloudformation-json'], {
      stdin: new TextEncoder().encode(
        JSON.stringify({ RoleName: 'r', PolicyName: 'inline', PolicyDocument: doc }),
      ),
    });
    expect(
      Object.values(
        (JSON.parse(cfn.stdout) as { Resources: Record<string, { Properties: { PolicyDocument: unknown } }> })
          .Resources,
      )[0]!.Properties.PolicyDocument,
    ).to.deep.equal(doc);
    const bad = await runCli(['convert', '-', '--format', 'terraform'], {
      stdin: new TextEncoder().encode('{"Policy": {"PolicyName": "x"}}'),
    });
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.match(
      /get-policy` output, which has no document: use `aws iam get-policy-version`/,
    );
  });
});
