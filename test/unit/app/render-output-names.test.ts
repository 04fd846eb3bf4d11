import { expect } from 'chai';
import fc from 'fast-check';
import { parse } from '@cdktf/hcl2json';
import YAML from 'yaml';
import { renderForStdout, renderPerRole, type OutputOptions } from '../../../src/app/render-output.ts';
import type { RoleOutput } from '../../../src/app/generate.ts';
import type { Arn } from '../../../src/model/identifiers.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { policiesFromHcl } from '../../support/hcl-to-policy.ts';

/** A role's output whose one statement names a bucket only that role uses, so files can be told apart. */
function roleOutput(principal: string, parts = 1): RoleOutput {
  const documents: PolicyDocument[] = Array.from({ length: parts }, (_, i) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [marker(principal, i)] }],
  }));
  return {
    principal: principal as Arn,
    policy: documents[0]!,
    documents,
    explain: [],
    stats: { facts: 1, calls: 1, authorizedFailures: 0, actions: 1, statements: 1 },
    delivery: parts > 1 ? 'split' : 'inline',
    widenings: [],
  } as RoleOutput;
}

function marker(principal: string, part: number): string {
  return `arn:aws:s3:::${Buffer.from(principal).toString('hex')}/part${part}`;
}

const JSON_OUT: OutputOptions = {
  format: 'json',
  terraformResource: 'role-policy',
  cloudformationResource: 'role-policy',
};
const arn = (account: string, name: string, path = '') => `arn:aws:iam::${account}:role/${path}${name}`;

/** The 6-role set of issue #19.1: two accounts' `worker`, a real `worker-2`, and names that sanitize alike. */
const ISSUE_SET = [
  arn('111111111111', 'worker'),
  arn('222222222222', 'worker'),
  arn('111111111111', 'worker-2'),
  arn('111111111111', 'x.y'),
  arn('111111111111', 'x_y'),
  arn('111111111111', 'x_y-2'),
];

interface Index {
  files: Record<string, { role: string; part?: number; parts?: number }>;
}

/** Files -> the role each holds (by its marker), checked against the index and the role set. */
function checkFiles(roles: readonly RoleOutput[], files: { fileName: string; content: string }[]): void {
  const names = files.map((f) => f.fileName);
  expect(new Set(names.map((n) => n.toLowerCase())).size, names.join(' ')).to.equal(names.length);
  const index = JSON.parse(files.find((f) => f.fileName === 'index.json')!.content) as Index;
  const policies = files.filter((f) => f.fileName !== 'index.json');
  expect(Object.keys(index.files).sort()).to.deep.equal(policies.map((f) => f.fileName).sort());
  for (const file of policies) {
    const entry = index.files[file.fileName]!;
    const doc = JSON.parse(file.content) as PolicyDocument;
    expect(doc.Statement[0]!.Resource, file.fileName).to.deep.equal([
      marker(entry.role, (entry.part ?? 1) - 1),
    ]);
  }
  const expected = roles.flatMap((r) => r.documents.map((_, i) => `${r.principal} ${i}`)).sort();
  const held = policies
    .map((f) => index.files[f.fileName]!)
    .map((e) => `${e.role} ${(e.part ?? 1) - 1}`)
    .sort();
  expect(held).to.deep.equal(expected);
}

const nameArb = fc.oneof(
  fc.constantFrom('worker', 'Worker', 'WORKER', 'worker-2', 'worker-3', 'x.y', 'x_y', 'x_y-2', 'x-2', 'x'),
  fc.constantFrom('index', 'INDEX', 'worker.part1', 'worker_part1', 'worker_111111111111', 'a+b', 'a=b'),
  fc.stringMatching(/^[\w+=,.@-]{1,8}$/),
);
const arnArb = fc
  .tuple(
    fc.constantFrom('111111111111', '222222222222', '333333333333'),
    fc.constantFrom('', 'service-role/', 'a/b/'),
    nameArb,
  )
  .map(([account, path, name]) => arn(account, name, path));
const roleSetArb = fc.uniqueArray(fc.tuple(arnArb, fc.integer({ min: 1, max: 3 })), {
  selector: ([a]) => a,
  minLength: 1,
  maxLength: 12,
});

describe('render-output: names unique for any set and order of roles (#19.1, #15)', () => {
  it('the 6-role set gives 6 files, each holding its own role, and an index naming each ARN', () => {
    const roles = ISSUE_SET.map((a) => roleOutput(a));
    const files = renderPerRole(roles, JSON_OUT);
    expect(files.map((f) => f.fileName).sort()).to.deep.equal([
      'index.json',
      'worker-2.json',
      'worker.111111111111.json',
      'worker.222222222222.json',
      'x_y-2.json',
      'x_y.111111111111.1e5a781e.json',
      'x_y.111111111111.49a09f8d.json',
    ]);
    checkFiles(roles, files);
  });

  it('a role named like the index, or like another role split in parts, never takes that file', () => {
    const roles = [
      roleOutput(arn('111111111111', 'index')),
      roleOutput(arn('111111111111', 'worker'), 2),
      roleOutput(arn('111111111111', 'worker-1')),
    ];
    const files = renderPerRole(roles, JSON_OUT);
    expect(files.map((f) => f.fileName).sort()).to.deep.equal([
      'index.111111111111.json',
      'index.json',
      'worker-1.json',
      'worker.part1.json',
      'worker.part2.json',
    ]);
    checkFiles(roles, files);
  });

  it('holds for random sets: unique ignoring case, the same names in any order, each file its role (fast-check)', () => {
    fc.assert(
      fc.property(roleSetArb, fc.integer(), (set, seed) => {
        const roles = set.map(([a, parts]) => roleOutput(a, parts));
        const files = renderPerRole(roles, JSON_OUT);
        checkFiles(roles, files);
        const shuffled = shuffle(roles, seed);
        const again = renderPerRole(shuffled, JSON_OUT);
        expect(byName(again)).to.deep.equal(byName(files));
        const tf = renderPerRole(roles, { ...JSON_OUT, format: 'terraform' });
        const labels = tf.flatMap((f) => [
          ...f.content.matchAll(/^data "aws_iam_policy_document" "([^"]+)"/gm),
        ]);
        const lower = labels.map((m) => m[1]!.toLowerCase());
        expect(new Set(lower).size).to.equal(roles.reduce((n, r) => n + r.documents.length, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('Terraform: the whole --out folder parses as one module with unique labels, each saying its role', async () => {
    const options: OutputOptions = { ...JSON_OUT, format: 'terraform' };
    const roles = ISSUE_SET.map((a) => roleOutput(a, a.endsWith('/x_y') ? 2 : 1));
    const files = renderPerRole(roles, options).filter((f) => f.fileName.endsWith('.tf'));
    const module = files.map((f) => f.content).join('\n');
    const parsed = (await parse('main.tf', module)) as {
      data: { aws_iam_policy_document: Record<string, unknown[]> };
      resource: { aws_iam_role_policy: Record<string, [{ provider: string; role: string }]> };
    };
    const labels = Object.entries(parsed.data.aws_iam_policy_document);
    // hcl2json merges repeated labels into one array: a clash would show as a second element.
    expect(labels.length).to.equal(7);
    for (const [, blocks] of labels) expect(blocks).to.have.length(1);
    expect(Object.keys(parsed.data.aws_iam_policy_document).sort()).to.deep.equal([
      'worker-2',
      'worker_111111111111',
      'worker_222222222222',
      // `x.y` keeps `x_y`: only `x_y`'s parts are labelled, and they do not clash with it.
      'x_y',
      'x_y-2',
      'x_y_part1',
      'x_y_part2',
    ]);
    const policies = await policiesFromHcl(module);
    for (const file of files) {
      // Each block is preceded by the comment naming its role; the block holds that role's marker.
      for (const m of file.content.matchAll(/^# Role (\S+);.*\ndata "aws_iam_policy_document" "([^"]+)"/gm)) {
        const [, roleArn, label] = m;
        const part = /_part(\d)$/.exec(label!)?.[1];
        expect(policies[label!]!.Statement[0]!.Resource).to.deep.equal([
          marker(roleArn!, part ? Number(part) - 1 : 0),
        ]);
      }
    }
    expect(module.match(/^# Role /gm)).to.have.length(7);
    const worker2 = parsed.resource.aws_iam_role_policy['worker_222222222222']![0];
    expect(worker2.provider).to.equal('${aws.account_222222222222}');
    expect(worker2.role).to.equal('worker');
  });

  it('Terraform on stdout uses the same labels; one account needs no provider alias', () => {
    const options: OutputOptions = { ...JSON_OUT, format: 'terraform' };
    const text = renderForStdout(
      [roleOutput(arn('111111111111', 'a')), roleOutput(arn('111111111111', 'b'))],
      options,
    );
    expect(text).to.include('# Role arn:aws:iam::111111111111:role/a\n');
    expect(text).not.to.include('provider');
    const both = renderForStdout(
      ISSUE_SET.map((a) => roleOutput(a)),
      options,
    );
    expect(both).to.include('data "aws_iam_policy_document" "worker_222222222222"');
    expect(both).to.include('provider = aws.account_222222222222');
    // IAM names are per account: each account's `worker` keeps its name, `worker-2` keeps its own.
    const resources = renderForStdout(
      ISSUE_SET.map((a) => roleOutput(a)),
      { ...options, terraformResource: 'role-policy' },
    );
    const names = [...resources.matchAll(/^ {2}name += "([^"]+)"\n {2}role += "([^"]+)"/gm)].map(
      (m) => `${m[2]}:${m[1]}`,
    );
    expect(names.sort()).to.deep.equal([
      'worker-2:worker-2-least-privilege',
      'worker:worker-least-privilege',
      'worker:worker-least-privilege',
      'x.y:x.y-least-privilege',
      'x_y-2:x_y-2-least-privilege',
      'x_y:x_y-least-privilege',
    ]);
  });

  it('CloudFormation: logical IDs qualified by account on a clash, each resource naming its role ARN', () => {
    const options: OutputOptions = { ...JSON_OUT, format: 'cloudformation' };
    const text = renderForStdout(
      ISSUE_SET.map((a) => roleOutput(a)),
      options,
    );
    const template = YAML.parse(text) as {
      Resources: Record<
        string,
        { Metadata: { Tightrole: { RoleArn: string } }; Properties: { PolicyDocument: PolicyDocument } }
      >;
    };
    const resources = Object.entries(template.Resources);
    expect(resources).to.have.length(6);
    expect(Object.keys(template.Resources)).to.include.members([
      'Worker111111111111Policy',
      'Worker222222222222Policy',
      'Worker2Policy',
    ]);
    for (const [, r] of resources) {
      expect(r.Properties.PolicyDocument.Statement[0]!.Resource).to.deep.equal([
        marker(r.Metadata.Tightrole.RoleArn, 0),
      ]);
    }
  });

  it('a comment never carries a line break or control character into the HCL', async () => {
    const options: OutputOptions = { ...JSON_OUT, format: 'terraform' };
    const evil = 'arn:aws:iam::111111111111:role/x\nresource "aws_iam_user" "u" {}\u202e';
    const text = renderForStdout([roleOutput(evil)], options);
    expect(text).to.include(
      '# Role arn:aws:iam::111111111111:role/x\\u000aresource "aws_iam_user" "u" {}\\u202e\n',
    );
    const parsed = (await parse('main.tf', text)) as { resource: Record<string, unknown> };
    expect(Object.keys(parsed.resource)).to.deep.equal(['aws_iam_role_policy']);
  });
});

function byName(files: { fileName: string; content: string }[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.fileName, f.content]));
}

/** A deterministic shuffle (mulberry32) so a failing case replays. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
