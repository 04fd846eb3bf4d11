import { expect } from 'chai';
import { parse as parseHcl } from '@cdktf/hcl2json';
import YAML from 'yaml';
import {
  renderForStdout,
  renderPerRole,
  splitNotice,
  type OutputOptions,
} from '../../../src/app/render-output.ts';
import type { RoleOutput } from '../../../src/app/generate.ts';
import { InputError } from '../../../src/errors.ts';
import type { Arn } from '../../../src/model/identifiers.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { fitPolicy, policySize } from '../../../src/reduce/limits.ts';

/** A policy over the 10,240-character inline quota, several services so it packs into several parts. */
function bigPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: ['s3', 'sqs', 'sns', 'kms', 'dynamodb'].flatMap((svc) =>
      Array.from({ length: 4 }, (_, i) => ({
        Sid: `${svc}${i}`,
        Effect: 'Allow' as const,
        Action: [`${svc}:GetThing${i}`],
        Resource: Array.from(
          { length: 8 },
          (_, j) => `arn:aws:${svc}:eu-west-1:123456789012:thing/name-${i}-${j}-padding-padding`,
        ),
      })),
    ),
  };
}

function role(name: string, policy: PolicyDocument, account = '123456789012'): RoleOutput {
  const fit = fitPolicy(policy);
  if (fit.kind === 'too-large') throw new Error(fit.reason);
  return {
    principal: `arn:aws:iam::${account}:role/service-role/${name}` as Arn,
    policy,
    explain: [],
    stats: { facts: 0, calls: 0, authorizedFailures: 0, actions: 0, statements: policy.Statement.length },
    documents: fit.documents,
    delivery: fit.kind,
    widenings: [],
  };
}

const small = (action: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'A', Effect: 'Allow', Action: [action], Resource: ['arn:aws:s3:::b/k'] }],
});

const opts = (over: Partial<OutputOptions>): OutputOptions => ({
  format: 'json',
  terraformResource: 'none',
  cloudformationResource: 'role-policy',
  ...over,
});

type Tf = {
  resource?: Record<string, Record<string, Record<string, unknown>[]>>;
  data?: { aws_iam_policy_document?: Record<string, unknown> };
};
type Cfn = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

describe('render-output: a split proposal deploys as managed policies in every format', () => {
  const split = role('big-role', bigPolicy());
  const other = role('small-role', small('sqs:SendMessage'));

  it('the fixture really is split and over the inline quota', () => {
    expect(split.documents.length).to.be.greaterThan(1);
    expect(policySize(split.policy)).to.be.greaterThan(10_240);
  });

  it('terraform --terraform-resource role-policy: no aws_iam_role_policy for a split role (real HCL parser)', async () => {
    const text = renderForStdout(
      [split, other],
      opts({ format: 'terraform', terraformResource: 'role-policy' }),
    );
    const tf = (await parseHcl('main.tf', text)) as Tf;
    const inline = Object.keys(tf.resource?.['aws_iam_role_policy'] ?? {});
    const managed = Object.keys(tf.resource?.['aws_iam_policy'] ?? {});
    const attachments = tf.resource?.['aws_iam_role_policy_attachment'] ?? {};
    expect(inline).to.deep.equal(['small-role']);
    expect(managed).to.have.length(split.documents.length);
    expect(Object.keys(attachments)).to.deep.equal(managed);
    for (const [id, [a]] of Object.entries(attachments)) {
      expect(a!['role']).to.equal('big-role');
      expect(a!['policy_arn']).to.equal(`\${aws_iam_policy.${id}.arn}`);
    }
    expect(Object.keys(tf.data?.aws_iam_policy_document ?? {})).to.have.length(split.documents.length + 1);
  });

  it('cloudformation role-policy: a split role becomes AWS::IAM::ManagedPolicy with Roles (strict YAML 1.2 reader)', () => {
    const text = renderForStdout([split, other], opts({ format: 'cloudformation' }));
    const doc = YAML.parseDocument(text, { version: '1.2', uniqueKeys: true, strict: true });
    expect(doc.errors).to.deep.equal([]);
    const resources = Object.values((doc.toJS() as Cfn).Resources);
    const byType = (type: string) => resources.filter((r) => r.Type === type);
    expect(byType('AWS::IAM::RolePolicy').map((r) => r.Properties['RoleName'])).to.deep.equal(['small-role']);
    const managed = byType('AWS::IAM::ManagedPolicy');
    expect(managed).to.have.length(split.documents.length);
    for (const r of managed) expect(r.Properties['Roles']).to.deep.equal(['big-role']);
    const inlineTotal = byType('AWS::IAM::RolePolicy')
      .filter((r) => r.Properties['RoleName'] === 'big-role')
      .reduce((n, r) => n + JSON.stringify(r.Properties['PolicyDocument']).length, 0);
    expect(inlineTotal).to.equal(0);
  });

  it('--out files: the same rule per role file', () => {
    const files = renderPerRole([split, other], opts({ format: 'cloudformation-json' }));
    const big = JSON.parse(files.find((f) => f.fileName === 'big-role.json')!.content) as Cfn;
    expect(new Set(Object.values(big.Resources).map((r) => r.Type))).to.deep.equal(
      new Set(['AWS::IAM::ManagedPolicy']),
    );
  });

  it('json --role: one role is always a bare document; a split one is refused with the ways out', () => {
    expect(JSON.parse(renderForStdout([other], opts({})))).to.have.property('Statement');
    expect(() => renderForStdout([split], opts({}))).to.throw(InputError, /--out DIR/);
    const map = JSON.parse(renderForStdout([split, other], opts({}))) as Record<string, unknown>;
    expect(map[split.principal]).to.have.length(split.documents.length);
  });

  it('sam with a split role is refused: SAM lists become inline policies', () => {
    expect(() =>
      renderForStdout([split], opts({ format: 'cloudformation', cloudformationResource: 'sam' })),
    ).to.throw(InputError, /managed-policy/);
  });

  it('says on stderr what the split parts are written as', () => {
    expect(splitNotice(split, opts({ format: 'terraform', terraformResource: 'role-policy' }))).to.match(
      /split into \d+ managed policies, written as aws_iam_policy \+ aws_iam_role_policy_attachment/,
    );
    expect(splitNotice(split, opts({ format: 'cloudformation' }))).to.match(
      /AWS::IAM::ManagedPolicy with Roles/,
    );
  });
});

describe('render-output: SAM keeps several roles apart', () => {
  const a = role('worker', small('iam:PassRole'));
  const b = role('reader', small('s3:GetObject'), '210987654321');

  it('one role: a plain Policies: list', () => {
    const value = YAML.parse(
      renderForStdout([a], opts({ format: 'cloudformation', cloudformationResource: 'sam' })),
    );
    expect(Object.keys(value as object)).to.deep.equal(['Policies']);
  });

  it("several roles: one Policies: list per role, keyed by role ARN, none holding another role's actions", () => {
    const text = renderForStdout([a, b], opts({ format: 'cloudformation', cloudformationResource: 'sam' }));
    const value = YAML.parse(text, { version: '1.2' }) as Record<string, { Policies: PolicyDocument[] }>;
    expect(Object.keys(value)).to.deep.equal([a.principal, b.principal]);
    const actions = (k: string) =>
      value[k]!.Policies.flatMap((p) => p.Statement.flatMap((s) => s.Action ?? []));
    expect(actions(a.principal)).to.deep.equal(['iam:PassRole']);
    expect(actions(b.principal)).to.deep.equal(['s3:GetObject']);
    expect(text).not.to.match(/^Policies:/m);
  });
});
