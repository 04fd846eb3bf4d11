import { expect } from 'chai';
import YAML from 'yaml';
import { convertPolicyText } from '../../../src/app/convert.ts';
import { unwrapPolicyInput } from '../../../src/app/unwrap-policy-input.ts';
import { InputError } from '../../../src/errors.ts';
import { policiesFromHcl } from '../../support/hcl-to-policy.ts';

const DOC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }],
};
const NORMALIZED = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/${aws:username}/*'] }],
};
const tf = (input: unknown, options = {}) =>
  convertPolicyText(typeof input === 'string' ? input : JSON.stringify(input), 'in.json', {
    format: 'terraform',
    ...options,
  });

describe('convert: policy JSON in any accepted shape -> Terraform / CloudFormation', () => {
  it('a policy document, with a UTF-8 BOM', async () => {
    expect(await policiesFromHcl(tf(`\ufeff${JSON.stringify(DOC)}`))).to.deep.equal({ policy: NORMALIZED });
  });

  it('a single statement object, wrapped in a document', async () => {
    expect(await policiesFromHcl(tf(DOC.Statement[0]))).to.deep.equal({ policy: NORMALIZED });
  });

  it('get-policy-version output, the document as an object or URL-encoded as the IAM query API returns it', async () => {
    for (const Document of [DOC, encodeURIComponent(JSON.stringify(DOC, null, 2))]) {
      const text = tf(
        { PolicyVersion: { Document, VersionId: 'v3', IsDefaultVersion: true } },
        { name: 'orders' },
      );
      expect(await policiesFromHcl(text)).to.deep.equal({ orders: NORMALIZED });
    }
  });

  it('get-role-policy output: named after PolicyName, attached to RoleName; --name and --role-name win', async () => {
    const output = {
      RoleName: 'orders-api-role',
      PolicyName: 'inline-orders',
      PolicyDocument: JSON.stringify(DOC),
    };
    const text = tf(output, { terraformResource: 'role-policy' });
    expect(text).to.include('data "aws_iam_policy_document" "inline-orders"');
    expect(text).to.include('role   = "orders-api-role"');
    const cfn = convertPolicyText(JSON.stringify(output), 'x', {
      format: 'cloudformation',
      name: 'mine',
      roleName: 'other',
    });
    const parsed = YAML.parse(cfn) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    expect(parsed.Resources['MinePolicy']!.Properties['RoleName']).to.equal('other');
    expect(parsed.Resources['MinePolicy']!.Properties['PolicyDocument']).to.deep.equal(NORMALIZED);
  });

  it('keeps the policy name (no -least-privilege suffix) unless --name says otherwise', async () => {
    const output = { RoleName: 'receipt-worker', PolicyName: 'receipt-worker-inline', PolicyDocument: DOC };
    const text = tf(output, { terraformResource: 'role-policy' });
    const { parse } = await import('@cdktf/hcl2json');
    const parsed = (await parse('main.tf', text)) as {
      resource: { aws_iam_role_policy: Record<string, [{ name: string }]> };
    };
    expect(Object.values(parsed.resource.aws_iam_role_policy).map(([r]) => r.name)).to.deep.equal([
      'receipt-worker-inline',
    ]);
    const policyNames = (name?: string) => {
      const cfn = convertPolicyText(JSON.stringify(output), 'x', {
        format: 'cloudformation-json',
        ...(name ? { name } : {}),
      });
      const resources = (
        JSON.parse(cfn) as { Resources: Record<string, { Properties: { PolicyName: string } }> }
      ).Resources;
      return Object.values(resources).map((r) => r.Properties.PolicyName);
    };
    expect(policyNames()).to.deep.equal(['receipt-worker-inline']);
    expect(policyNames('renamed')).to.deep.equal(['renamed']);
    const managed = tf(output, { terraformResource: 'policy', name: 'mine' });
    expect(managed).to.match(/name\s+= "mine"/);
  });

  it('cloudformation-json and sam', () => {
    const json = convertPolicyText(JSON.stringify(DOC), 'x', { format: 'cloudformation-json' });
    expect(JSON.parse(json)).to.have.nested.property('Resources.PolicyPolicy.Type', 'AWS::IAM::RolePolicy');
    const sam = convertPolicyText(JSON.stringify(DOC), 'x', {
      format: 'cloudformation',
      cloudformationResource: 'sam',
    });
    expect(YAML.parse(sam)).to.deep.equal({ Policies: [NORMALIZED] });
  });

  it('keeps Terraform interpolations only when asked, and IAM variables never', () => {
    const doc = {
      ...DOC,
      Statement: [{ ...DOC.Statement[0], Resource: 'arn:aws:s3:::${var.b}/${aws:username}' }],
    };
    expect(tf(doc)).to.include('"arn:aws:s3:::$${var.b}/$${aws:username}"');
    expect(tf(doc, { keepTerraformInterpolations: true })).to.include(
      '"arn:aws:s3:::${var.b}/$${aws:username}"',
    );
  });

  describe('errors are InputErrors naming the source, what was expected and what was found', () => {
    const fails = (input: unknown, pattern: RegExp) => expect(() => tf(input)).to.throw(InputError, pattern);

    it('not JSON', () =>
      fails('{"Version":', /^in\.json: expected policy JSON, found text that is not JSON/));
    it('not an object', () => fails([DOC], /^in\.json: expected a JSON object, found an array/));
    it('unknown keys', () => fails({ Foo: 1 }, /expected a policy document .* found keys "Foo"/));
    it('get-policy output', () => fails({ Policy: { PolicyName: 'p' } }, /use `aws iam get-policy-version`/));
    it('a broken URL-encoded document', () =>
      fails(
        { PolicyVersion: { Document: '%7B%ZZ' } },
        /get-policy-version output: the document is not valid URL-encoding/,
      ));
    it('a document that is not JSON', () =>
      fails({ PolicyDocument: 'nope' }, /get-role-policy output: the document is not JSON/));
    it('schema issues, with their paths', () =>
      fails(
        { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 's3:GetObject', Resource: '*' }] },
        /expected a valid IAM policy in the policy document, found: \/Statement\/0\/Effect/,
      ));
    it('a string Terraform cannot hold exactly', () =>
      fails(
        { ...DOC, Statement: [{ ...DOC.Statement[0], Resource: 'arn:aws:s3:::b/cafe\u0301' }] },
        /Unicode NFC/,
      ));
  });

  it('unwrapPolicyInput says which shape it found', () => {
    expect(unwrapPolicyInput(DOC)).to.include({ ok: true, from: 'policy document' });
    expect(unwrapPolicyInput(DOC.Statement[0])).to.include({ ok: true, from: 'single statement' });
    expect(
      unwrapPolicyInput({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify(DOC)) } }),
    ).to.include({
      ok: true,
      from: 'get-policy-version output (URL-encoded)',
    });
    expect(unwrapPolicyInput({ PolicyName: 'p', PolicyDocument: JSON.stringify(DOC) })).to.include({
      ok: true,
      name: 'p',
      from: 'get-role-policy output (JSON string)',
    });
  });
});
