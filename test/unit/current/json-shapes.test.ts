import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { currentFromJson } from '../../../src/current/json-shapes.ts';
import type { CurrentPolicies, ShapeResult } from '../../../src/current/types.ts';

const FIXTURES = new URL('../../fixtures/current-policies/', import.meta.url).pathname;
const SAMPLES = new URL('../../../samples/current-policies/', import.meta.url).pathname;
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const ok = (result: ShapeResult): CurrentPolicies => {
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.value;
};
const summary = (c: CurrentPolicies) =>
  c.policies.map((p) => [p.kind, p.name, p.document.Statement.flatMap((s) => s.Action ?? [])]);

describe('current/json-shapes: the JSON shapes current policies come in', () => {
  it('reads a bare policy document', () => {
    const c = ok(
      currentFromJson(
        json(`${SAMPLES}orders-api-role.json`),
        'samples/orders-api-role.json',
        'orders-api-role',
      ),
    );
    expect(summary(c)).to.deep.equal([
      [
        'document',
        'orders-api-role.json',
        ['dynamodb:*', 'sqs:*', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      ],
    ]);
  });

  it('reads get-role-policy output, and notes when it is for another role', () => {
    const value = json(`${SAMPLES}receipt-worker-role.json`);
    const c = ok(currentFromJson(value, 'rw.json', 'arn:aws:iam::123456789012:role/receipt-worker-role'));
    expect(summary(c)[0]?.slice(0, 2)).to.deep.equal(['inline', 'receipt-worker-inline']);
    expect(c.notes).to.deep.equal([]);
    expect(ok(currentFromJson(value, 'rw.json', 'orders-api-role')).notes[0]).to.match(
      /belongs to role receipt-worker-role/,
    );
  });

  it('URL-decodes get-policy-version documents (a boto3 placebo recording from Cloud Custodian)', () => {
    const c = ok(
      currentFromJson(json(`${FIXTURES}custodian-iam.GetPolicyVersion_1.json`), 'gpv.json', 'any'),
    );
    expect(summary(c)).to.deep.equal([
      [
        'managed',
        'gpv.json (v1)',
        [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'codecommit:GitPull',
          's3:GetObject',
          's3:GetObjectVersion',
          's3:PutObject',
          'ecr:BatchCheckLayerAvailability',
          'ecr:CompleteLayerUpload',
          'ecr:GetAuthorizationToken',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
      ],
    ]);
  });

  it('picks the role from get-account-authorization-details: inline and attached managed (default version)', () => {
    const data = json(`${FIXTURES}cloudsplaining-example-authz-details.json`);
    const c = ok(currentFromJson(data, 'authz.json', 'arn:aws:iam::012345678901:role/OverprivilegedEC2'));
    expect(summary(c)).to.deep.equal([
      ['inline', 'SupYo', ['secretsmanager:GetSecretValue', 's3:GetObject', 'iam:CreateAccessKey']],
      ['managed', 'arn:aws:iam::012345678901:policy/InsecurePolicy', ['s3:PutObject', 's3:PutObjectAcl']],
    ]);
    expect(ok(currentFromJson(data, 'authz.json', 'myrole')).policies.map((p) => p.name)).to.deep.equal([
      'EC2-IAM-example',
    ]);
  });

  it('reads a permissions boundary, and notes managed policies missing from Policies', () => {
    const data = json(`${FIXTURES}cloudsplaining-example-authz-v2.json`) as Record<string, unknown[]>;
    const role = { ...(data['RoleDetailList']![0] as object) } as Record<string, unknown>;
    role['PermissionsBoundary'] = {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: 'arn:aws:iam::012345678901:policy/NotYourPolicy',
    };
    role['AttachedManagedPolicies'] = [{ PolicyName: 'Gone', PolicyArn: 'arn:aws:iam::aws:policy/Gone' }];
    const c = ok(currentFromJson({ ...data, RoleDetailList: [role] }, 'v2.json', String(role['RoleName'])));
    expect(c.boundary.map((b) => [b.kind, b.name])).to.deep.equal([
      ['boundary', 'arn:aws:iam::012345678901:policy/NotYourPolicy'],
    ]);
    expect(c.notes).to.deep.equal([
      'v2.json: attached managed policy arn:aws:iam::aws:policy/Gone is not in Policies; not counted',
    ]);
  });

  it('says which roles a file holds when the role is not among them', () => {
    const result = currentFromJson(
      json(`${FIXTURES}cloudsplaining-example-authz-details.json`),
      'authz.json',
      'nope',
    );
    expect(result).to.deep.equal({
      ok: false,
      problems: [
        'authz.json: role nope is not in RoleDetailList (3 role(s): MyRole, MyOtherRole, OverprivilegedEC2)',
      ],
    });
  });

  it('refuses unknown shapes and invalid documents with path-addressed problems', () => {
    expect(currentFromJson({ hello: 1 }, 'x.json', 'r')).to.deep.equal({
      ok: false,
      problems: [
        'x.json: not a policy document, get-role-policy, get-policy-version or get-account-authorization-details output',
      ],
    });
    const bad = currentFromJson(
      { Statement: [{ Effect: 'Maybe', Action: 's3:*', Resource: '*' }] },
      'y.json',
      'r',
    );
    expect(bad.ok).to.equal(false);
    expect(bad.ok ? [] : bad.problems[0]).to.match(/^y\.json\/Statement\/0\/Effect: must be one of/);
    expect(currentFromJson({ PolicyDocument: '%7Bnot-json' }, 'z.json', 'r')).to.deep.include({ ok: false });
  });
});
