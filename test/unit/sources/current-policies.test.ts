import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCurrentPolicyFiles } from '../../../src/sources/current-policies.ts';
import { currentFromTerraform } from '../../../src/sources/current-policies-terraform.ts';

const FIXTURES = new URL('../../fixtures/current-policies/', import.meta.url).pathname;
// The peer converter's fixtures live once, in test/fixtures/iam-policy-json-to-terraform/.
const PEER = new URL('../../fixtures/iam-policy-json-to-terraform/', import.meta.url).pathname;
const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role';
const shown = (s: string) => s.replace(/\uE000|\uE001/g, '');

describe('sources/current-policies: --current files', () => {
  it('reads the Terraform a role is written in: jsonencode, heredoc, data-source .json; notes what it cannot resolve', async () => {
    const c = await readCurrentPolicyFiles([`${FIXTURES}orders-api-role.tf`], ROLE);
    expect(c.policies.map((p) => [p.kind, p.name, p.document.Statement.length])).to.deep.equal([
      ['inline', 'data', 2],
      ['inline', 'heredoc', 1],
      ['inline', 'queue', 1],
    ]);
    const [data, heredoc, queue] = c.policies.map((p) => p.document.Statement);
    expect(data![0]!.Resource).to.deep.equal(['arn:aws:dynamodb:eu-west-1:123456789012:table/*']);
    // `$${aws:userid}` is Terraform's escape for the IAM policy variable `${aws:userid}`.
    expect(data![1]!.Resource![0]).to.match(/log-stream:\$\{aws:userid\}\*$/);
    expect(data![1]!.Condition).to.deep.equal({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } });
    expect(heredoc![0]).to.deep.include({ Effect: 'Deny', Action: ['dynamodb:DeleteTable'] });
    expect(queue![0]).to.deep.include({ Action: ['sqs:SendMessage', 'sqs:GetQueueUrl'], Resource: ['*'] });
    const notes = c.notes.map(shown).map((n) => n.slice(n.indexOf(': ') + 2));
    expect(notes).to.deep.equal([
      'aws_iam_role_policy.data/Statement/0/Resource: var.table read as "*"',
      'aws_iam_role_policy.from_file: policy is file("${path.module}/policy.json"), which cannot be resolved from these files; skipped',
      'aws_iam_role_policy.queue/Statement/0/Resource: aws_sqs_queue.events.arn read as "*"',
      'aws_iam_role_policy.queue/Statement/1: not counted: it depends on var.extra_actions',
      `aws_iam_role_policy.someone_else: for role receipt-worker-role, not ${ROLE}; skipped`,
    ]);
  });

  it('reads aws_iam_policy_document data sources as iam-policy-json-to-terraform writes them', async () => {
    const c = await readCurrentPolicyFiles([`${PEER}simple.tf`], ROLE);
    const [doc] = c.policies.map((p) => p.document);
    expect(c.policies[0]).to.deep.include({ kind: 'document', name: 'data.aws_iam_policy_document.policy' });
    expect(doc!.Statement[1]!.Resource).to.deep.equal([
      'arn:aws:iam::*:mfa/*',
      'arn:aws:iam::*:user/${aws:username}',
    ]);
    expect(doc!.Statement[2]).to.deep.include({
      Effect: 'Deny',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } },
    });
    expect(doc!.Statement[3]!.NotResource).to.deep.equal([
      'arn:aws:s3:::HRBucket/Payroll',
      'arn:aws:s3:::HRBucket/Payroll/*',
    ]);
  });

  it('reads a directory of .tf files together, so references across files resolve', async () => {
    const dir = tempDir('tightrole-tf-');
    try {
      await writeFile(
        join(dir, 'role.tf'),
        'resource "aws_iam_role" "r" {\n  name = "orders-api-role"\n  inline_policy {\n    name   = "inl"\n    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })\n  }\n}\nresource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.r.id\n  policy = data.aws_iam_policy_document.d.json\n}\n',
      );
      await writeFile(
        join(dir, 'doc.tf'),
        'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/*"]\n  }\n}\n',
      );
      const c = await readCurrentPolicyFiles([dir], ROLE);
      expect(c.policies.map((p) => [p.kind, p.name, p.document.Statement[0]!.Action])).to.deep.equal([
        ['inline', 'p', ['s3:GetObject']],
        ['inline', 'inl', ['sns:Publish']],
      ]);
      expect(c.notes).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads an unknown Terraform value as the widest grant, wherever it stands (#19.9)', async () => {
    const dir = tempDir('tightrole-tf-widest-');
    try {
      await writeFile(
        join(dir, 'doc.tf'),
        [
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    actions       = ["s3:GetObject"]',
          '    not_resources = [var.private, "arn:aws:s3:::hr/*"]',
          '  }',
          '  statement {',
          '    actions       = ["s3:PutObject"]',
          '    not_resources = [var.private]',
          '  }',
          '  statement {',
          '    effect    = "Deny"',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["${var.bucket}/*", "arn:aws:s3:::secret/*"]',
          '  }',
          '  statement {',
          '    effect    = "Deny"',
          '    actions   = ["s3:DeleteObject"]',
          '    resources = [var.bucket]',
          '  }',
          '  statement {',
          '    effect        = "Deny"',
          '    actions       = ["s3:*"]',
          '    not_resources = [var.bucket]',
          '  }',
          '}',
          '',
        ].join('\n'),
      );
      const c = await readCurrentPolicyFiles([dir], ROLE);
      const statements = c.policies[0]!.document.Statement;
      expect(statements).to.deep.equal([
        { Effect: 'Allow', Action: ['s3:GetObject'], NotResource: ['arn:aws:s3:::hr/*'] },
        { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['*'] },
        { Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::secret/*'] },
      ]);
      expect(c.notes.map(shown).map((n) => n.slice(n.indexOf(': ') + 2))).to.deep.equal([
        'data.aws_iam_policy_document.d/Statement/0/NotResource: var.private read as excluding nothing (the widest reading)',
        'data.aws_iam_policy_document.d/Statement/1/NotResource: var.private read as excluding nothing (the widest reading)',
        'data.aws_iam_policy_document.d/Statement/2/Resource: var.bucket read as denying nothing (the widest reading)',
        'data.aws_iam_policy_document.d/Statement/3/Resource: var.bucket read as denying nothing (the widest reading)',
        'data.aws_iam_policy_document.d/Statement/4: not counted: a Deny except var.bucket may deny nothing',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the run on files it cannot use, naming each problem', async () => {
    const error = await readCurrentPolicyFiles([`${FIXTURES}nope.json`, `${FIXTURES}README.md`], ROLE).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).to.equal('InputError');
    expect(error?.message).to.include('nope.json: no such file or directory');
    expect(error?.message).to.match(/README\.md: not JSON/);
    const hcl = await currentFromTerraform([{ path: 'bad.tf', text: 'resource "x" {{{' }], ROLE);
    expect(hcl.ok).to.equal(false);
    expect(hcl.ok ? '' : hcl.problems[0]).to.match(/^bad\.tf: not valid HCL/);
  });
});
