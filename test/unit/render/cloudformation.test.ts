import { expect } from 'chai';
import fc from 'fast-check';
import YAML from 'yaml';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { renderCloudFormation } from '../../../src/render/cloudformation.ts';
import { orderedPolicy } from '../../../src/render/json.ts';

const HOSTILE = [
  '*',
  '&a',
  '*alias',
  '!Ref x',
  '- x',
  'a: b',
  '# c',
  'line\nbreak',
  '"',
  "'",
  '${AWS::AccountId}',
  '2012-10-17',
  'yes',
  'null',
  '0x10',
  '~',
  '',
  ' lead',
  '%TAG',
  '---',
  '...',
];

const policy = (values: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'S1',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: values,
      Condition: { StringLike: { 's3:prefix': values } },
    },
  ],
});

describe('CloudFormation / SAM', () => {
  it('writes AWS::IAM::RolePolicy with the role and the document, parsed back identically (YAML and JSON)', () => {
    const doc = policy(HOSTILE);
    for (const format of ['yaml', 'json'] as const) {
      const text = renderCloudFormation([{ name: 'orders-api-role', policy: doc }], {
        format,
        kind: 'role-policy',
      });
      const parsed = (format === 'yaml' ? YAML.parse(text, { version: '1.1' }) : JSON.parse(text)) as {
        Resources: Record<
          string,
          { Type: string; Properties: { RoleName: string; PolicyDocument: unknown } }
        >;
      };
      const resource = parsed.Resources['OrdersApiRolePolicy']!;
      expect(resource.Type).to.equal('AWS::IAM::RolePolicy');
      expect(resource.Properties.RoleName).to.equal('orders-api-role');
      expect(resource.Properties.PolicyDocument).to.deep.equal(orderedPolicy(doc));
    }
  });

  it('quotes what YAML 1.1 parsers would read as dates, booleans or numbers', () => {
    const text = renderCloudFormation([{ name: 'r', policy: policy(['yes']) }], {
      format: 'yaml',
      kind: 'managed-policy',
    });
    expect(text).to.match(/Version: "2012-10-17"/);
    expect(text).to.match(/- "yes"/);
    expect(text).to.include('Type: AWS::IAM::ManagedPolicy');
  });

  it('writes a SAM Policies: list', () => {
    const text = renderCloudFormation([{ name: 'r', policy: policy(['arn:aws:s3:::b/k']) }], {
      format: 'yaml',
      kind: 'sam',
    });
    expect(YAML.parse(text)).to.deep.equal({ Policies: [orderedPolicy(policy(['arn:aws:s3:::b/k']))] });
  });

  it('round-trips arbitrary strings (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 4 }),
        fc.string(),
        (values, name) => {
          const doc = policy(values);
          const text = renderCloudFormation([{ name, policy: doc }], { format: 'yaml', kind: 'role-policy' });
          const parsed = YAML.parse(text, { version: '1.1' }) as {
            Resources: Record<string, { Properties: { PolicyDocument: unknown } }>;
          };
          expect(Object.values(parsed.Resources)[0]!.Properties.PolicyDocument).to.deep.equal(
            orderedPolicy(doc),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
