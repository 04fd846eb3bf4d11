import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { PolicyDocument, Statement } from '../../../src/model/policy.ts';
import { parsePolicyDocument } from '../../../src/policy/parse.ts';
import { quote } from '../../../src/render/hcl.ts';
import { renderTerraform } from '../../../src/render/terraform.ts';
import { convertPolicyText } from '../../../src/app/convert.ts';
import { policiesFromTerraform } from '../../support/hcl-to-policy.ts';

const FIXTURES = new URL('../../fixtures/iam-policy-json-to-terraform/', import.meta.url).pathname;
const read = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** Order-insensitive view of a policy (statement order and object key order), for semantic comparison. */
function canonical(p: PolicyDocument): unknown {
  return p.Statement.map((s) => JSON.stringify(sortKeys(s))).sort();
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}

describe('Terraform: iam-policy-json-to-terraform fixtures, semantically', () => {
  for (const name of ['simple', 'single-statement', 'empty-policy']) {
    it(`${name}.json: our HCL and the peer's .tf parse to the same policy`, async () => {
      const ours = await policiesFromTerraform(
        convertPolicyText(read(`${name}.json`), name, { format: 'terraform' }),
      );
      const peer = await policiesFromTerraform(read(`${name}.tf`));
      expect(canonical(ours['policy']!)).to.deep.equal(canonical(peer['policy']!));
    });
  }

  it('tf-interpolations: with --keep-interpolations Terraform references pass through as the peer does; by default every ${ is escaped', async () => {
    // The peer's tf-interpolations.json is not valid JSON (unescaped quotes inside ${join("/", ...)}),
    // so its KMS statement, which is, stands for it here.
    const kms = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: ['${aws_kms_key.key.arn}'],
        },
      ],
    };
    const kept = convertPolicyText(JSON.stringify(kms), 'x', {
      format: 'terraform',
      keepTerraformInterpolations: true,
    });
    const peer = read('tf-interpolations.tf');
    expect(peer).to.include('resources = ["${aws_kms_key.key.arn}"]');
    expect(kept).to.include('resources = ["${aws_kms_key.key.arn}"]');
    const withIamVariable = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${var.bucket}/${aws:username}/*' },
      ],
    };
    expect(
      convertPolicyText(JSON.stringify(withIamVariable), 'x', {
        format: 'terraform',
        keepTerraformInterpolations: true,
      }),
    ).to.include('"arn:aws:s3:::${var.bucket}/$${aws:username}/*"');
    expect(convertPolicyText(JSON.stringify(withIamVariable), 'x', { format: 'terraform' })).to.include(
      '"arn:aws:s3:::$${var.bucket}/$${aws:username}/*"',
    );
    expect(() =>
      convertPolicyText(read('tf-interpolations.json'), 'tf-interpolations.json', { format: 'terraform' }),
    ).to.throw(/not JSON/);
  });

  it('rejects the peer error fixtures with a clear message', () => {
    expect(() =>
      convertPolicyText(read('error-broken.json'), 'error-broken.json', { format: 'terraform' }),
    ).to.throw(/error-broken.json: not JSON/);
    expect(() =>
      convertPolicyText(read('error-no-statements.json'), 'e.json', { format: 'terraform' }),
    ).to.throw(/e.json: expected a policy document/);
    expect(() =>
      convertPolicyText(read('error-cloudformation-snippet.json'), 'cfn.json', { format: 'terraform' }),
    ).to.throw(/cfn.json: not a valid IAM policy .*\/Statement\/0\/Resource/);
  });

  it('lays out like terraform fmt (the peer simple.tf, byte for byte for a statement without conditions)', () => {
    const doc = {
      Version: '2012-10-17' as const,
      Statement: [
        {
          Sid: 'AllowIndividualUserToListOnlyTheirOwnMFA',
          Effect: 'Allow' as const,
          Action: ['iam:ListMFADevices'],
          Resource: ['arn:aws:iam::*:mfa/*', 'arn:aws:iam::*:user/${aws:username}'],
        },
      ],
    };
    const peer = read('simple.tf');
    const block = peer.slice(
      peer.indexOf('  statement {\n    sid    = "AllowIndividualUser'),
      peer.indexOf('  statement {\n    sid       = "BlockMost'),
    );
    expect(renderTerraform([{ name: 'policy', policy: doc }], { resource: 'none' })).to.include(
      block.trimEnd(),
    );
  });
});

describe('Terraform: exact escaping', () => {
  it('doubles every ${ and %{, escapes quotes, backslashes and control characters', () => {
    expect(quote('${aws:username} %{x} "q" \\ \n \u001b \u202e')).to.equal(
      '"$${aws:username} %%{x} \\"q\\" \\\\ \\n \\u001b \\u202e"',
    );
  });

  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '${',
      '%{',
      '$${',
      '%%{',
      '}',
      '"',
      '\\',
      '\n',
      '<<EOF',
      '#',
      '//',
      '/*',
      '${aws:username}',
      '${var.x}',
      '\u0000',
    ),
  );
  const statement = fc.record({
    Sid: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), { nil: undefined }),
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.array(hostile, { minLength: 1, maxLength: 3 }),
    Resource: fc.array(hostile, { minLength: 1, maxLength: 3 }),
    Condition: fc.option(
      fc.dictionary(
        fc.constantFrom('StringEquals', 'StringLike'),
        fc.dictionary(
          hostile.filter((k) => k.length > 0),
          fc.array(hostile, { minLength: 1, maxLength: 2 }),
          { minKeys: 1, maxKeys: 2 },
        ),
        { minKeys: 1, maxKeys: 2 },
      ),
      { nil: undefined },
    ),
  });

  it('round-trips any policy through a real HCL parser (fast-check, hostile strings)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(statement, { minLength: 1, maxLength: 3 }),
        fc.string({ maxLength: 20 }),
        async (statements, name) => {
          const clean = statements.map((s) => JSON.parse(JSON.stringify(s)) as Statement);
          const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: clean });
          // Strings HCL would NFC-normalize are refused (next test), not round-tripped.
          if (!parsed.ok || JSON.stringify(parsed.policy).normalize('NFC') !== JSON.stringify(parsed.policy))
            return;
          const text = renderTerraform([{ name, policy: parsed.policy }], { resource: 'role-policy' });
          const back = Object.values(await policiesFromTerraform(text));
          expect(back).to.have.length(1);
          expect(canonical(back[0]!)).to.deep.equal(canonical(parsed.policy));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a value Terraform would change (not Unicode NFC) instead of granting another name', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/cafe\u0301.txt' }],
    };
    expect(() => convertPolicyText(JSON.stringify(doc), 'x', { format: 'terraform' })).to.throw(
      /normalizes strings to Unicode NFC/,
    );
  });

  it('gives valid, unique identifiers for hostile role names', async () => {
    const names = ['../x', 'a b', '9lives', 'ünï', '', 'x'.repeat(300), 'a-b', 'A_B', 'a_b'];
    const text = renderTerraform(
      names.map((n) => ({ name: n, policy: { Version: '2012-10-17', Statement: [] } })),
      { resource: 'policy' },
    );
    const ids = [...text.matchAll(/^data "aws_iam_policy_document" "([^"]+)"/gm)].map((m) => m[1]!);
    expect(ids).to.have.length(names.length);
    expect(new Set(ids.map((i) => i.toLowerCase())).size).to.equal(names.length);
    for (const id of ids) expect(id).to.match(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(Object.keys(await policiesFromTerraform(text))).to.have.length(names.length);
  });
});
