import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { cloudTrailRecord } from '../support/records.ts';
import { runCli } from '../support/run-cli.ts';

// Issue #19.1 / #15: `worker` in two accounts, a real `worker-2`, and `x.y` / `x_y` / `x_y-2`. Each
// role reads its own table, so a file holding another role's policy shows another table.
const ROLES = [
  ['111111111111', 'worker', 'table-worker-111'],
  ['222222222222', 'worker', 'table-worker-222'],
  ['111111111111', 'worker-2', 'table-worker-2'],
  ['111111111111', 'x.y', 'table-x-dot-y'],
  ['111111111111', 'x_y', 'table-x-under-y'],
  ['111111111111', 'x_y-2', 'table-x-y-2'],
] as const;
const arnOf = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

describe('e2e: --out names one file per role, whatever the names (#19.1, #15)', () => {
  let dir: string;
  before(() => {
    dir = tempDir('tightrole-out-names-');
    const Records = ROLES.map(([account, name, table], i) =>
      cloudTrailRecord({
        roleArn: arnOf(account, name),
        recipientAccountId: account,
        requestParameters: { tableName: table },
        eventID: `0b1c2d3e-0000-4000-8000-00000000010${i}`,
      }),
    );
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: 6 roles give 6 files and an index; each file holds its own role policy only', async () => {
    const out = join(dir, 'json');
    const run = await runCli(['generate', '--cloudtrail', join(dir, 'trail.json'), '--out', out]);
    expect(run.code, run.stderr).to.equal(0);
    const files = readdirSync(out).sort();
    expect(files).to.have.length(7);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as {
      files: Record<string, { role: string }>;
    };
    expect(Object.keys(index.files).sort()).to.deep.equal(files.filter((f) => f !== 'index.json'));
    for (const [account, name, table] of ROLES) {
      const file = Object.keys(index.files).find((f) => index.files[f]!.role === arnOf(account, name))!;
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).to.include(`table/${table}"`);
      for (const [, , other] of ROLES)
        if (other !== table) expect(text, file).not.to.include(`table/${other}"`);
    }
    expect(index.files['worker.222222222222.json']!.role).to.equal(arnOf('222222222222', 'worker'));
    expect(index.files['worker-2.json']!.role).to.equal(arnOf('111111111111', 'worker-2'));
  });

  it('Terraform: the folder loads as one module (unique labels), each block naming its role and account', async () => {
    const out = join(dir, 'tf');
    const run = await runCli([
      'generate',
      '--cloudtrail',
      join(dir, 'trail.json'),
      '--format',
      'terraform',
      '--terraform-resource',
      'role-policy',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const tf = readdirSync(out).filter((f) => f.endsWith('.tf'));
    expect(tf).to.have.length(6);
    const module = tf.map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    const parsed = (await parse('main.tf', module)) as {
      data: { aws_iam_policy_document: Record<string, unknown[]> };
      resource: { aws_iam_role_policy: Record<string, { provider: string; role: string }[]> };
    };
    const labels = parsed.data.aws_iam_policy_document;
    expect(Object.keys(labels)).to.have.length(6);
    for (const blocks of Object.values(labels)) expect(blocks).to.have.length(1);
    expect(Object.keys(parsed.resource.aws_iam_role_policy)).to.have.length(6);
    for (const file of tf) {
      const text = readFileSync(join(out, file), 'utf8');
      const one = (await parse(file, text)) as typeof parsed;
      const [resource] = Object.values(one.resource.aws_iam_role_policy)[0]!;
      const [, account, name] = /^# Role arn:aws:iam::(\d{12}):role\/(\S+);/m.exec(text)!;
      expect(resource!.provider, file).to.equal(`\${aws.account_${account}}`);
      expect(resource!.role, file).to.equal(name);
      const table = ROLES.find(([a, n]) => a === account && n === name)![2];
      expect(text, file).to.include(`table/${table}"`);
    }
  });
});
