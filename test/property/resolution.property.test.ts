import { expect } from 'chai';
import fc from 'fast-check';
import { compileTemplate, refitArn } from '../../src/catalog/arn-template.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { resolveResources } from '../../src/catalog/resolve-resources.ts';
import type { ActionInfo } from '../../src/catalog/service-info.ts';
import { realCatalog } from '../support/catalog.ts';

// The services issue 14 extends, plus the common serverless ones.
const ACTIONS = [
  'events:PutEvents',
  'glue:GetTable',
  'rds-data:ExecuteStatement',
  'dynamodb:DescribeStream',
  'dynamodb:GetItem',
  'ses:SendEmail',
  'ec2:StopInstances',
  'ec2:CreateTags',
  'ec2:DeleteFlowLogs',
  'rds:AddTagsToResource',
  'route53:ListResourceRecordSets',
  'elasticmapreduce:TerminateJobFlows',
  'sts:AssumeRole',
  's3:GetObject',
  'sqs:SendMessage',
  'kms:Decrypt',
  'lambda:InvokeFunction',
];

// Names a record may put anywhere: parameter names the data reads, and IDs / ARNs of every kind.
const PARAM_NAMES = [
  'resourceArn',
  'resourceName',
  'resource',
  'arn',
  'sourceArn',
  'streamArn',
  'roleArn',
  'resourceId',
  'instanceId',
  'jobFlowIds',
  'hostedZoneId',
  'source',
  'name',
  'databaseName',
  'tableName',
  'bucketName',
  'key',
  'queueUrl',
  'keyId',
  'functionName',
  'eventBusName',
];
const ARNS = [
  'arn:aws:rds:eu-west-1:123456789012:db:orders',
  'arn:aws:rds:eu-west-1:123456789012:cluster:orders',
  'arn:aws:dynamodb:eu-west-1:123456789012:table/orders',
  'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-11-01T00:00:00.000',
  'arn:aws:iam::123456789012:role/app',
  'arn:aws:iam::123456789012:user/app',
  'arn:aws:s3:::bucket/key',
  'arn:aws:s3:::bucket',
  'arn:aws:lambda:eu-west-1:123456789012:function:f',
  'arn:aws:events:eu-west-1:123456789012:event-bus/b',
  'arn:aws:sqs:eu-west-1:123456789012:q',
  'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
];
const scalar = fc.oneof(
  fc.constantFrom(...ARNS),
  fc.constantFrom('i-0123456789abcdef0', 'vol-0abc', 'fl-0abc', 'j-1ABC', 'Z0123', '/hostedzone/Z1'),
  fc.constantFrom(
    'a@example.com',
    'x <y@z.org>',
    'alias/x',
    '*',
    '',
    'https://sqs.eu-west-1.amazonaws.com/1/q',
  ),
  fc.string({ maxLength: 12 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.record({ items: fc.array(fc.record({ instanceId: scalar, resourceId: scalar }), { maxLength: 3 }) }),
  fc.record({ content: scalar }),
);
const params = fc.dictionary(fc.constantFrom(...PARAM_NAMES), value, { maxKeys: 5 });
const wrapped = fc.oneof(
  params,
  params.map((p) => ({ StopInstancesRequest: { InstanceId: p['instanceId'] ?? p['resourceId'] } })),
  params.map((p) => ({ entries: [p, {}] })),
);

describe('property: resolution never yields an ARN of another resource type than its action takes', () => {
  let catalog: Catalog;
  let actions: ActionInfo[];
  before(async () => {
    catalog = await realCatalog(...new Set(ACTIONS.map((a) => a.split(':')[0]!)));
    actions = ACTIONS.map((a) => catalog.actionOf(a as `${string}:${string}`)!);
  });

  it('every resolved ARN fits one of the action resource types (validated), whatever the parameters', () => {
    fc.assert(
      fc.property(
        fc.nat(ACTIONS.length - 1),
        wrapped,
        fc.array(fc.constantFrom(...ARNS), { maxLength: 2 }),
        (i, p, recordArns) => {
          const action = actions[i]!;
          const resolution = resolveResources(catalog, action, {
            partition: 'aws',
            region: 'eu-west-1',
            account: '123456789012',
            params: p,
            recordArns,
          });
          if (resolution.kind !== 'resolved') return;
          for (const arn of resolution.resources) {
            const fits = action.resourceTypes.some((rt) => {
              const info = catalog.resourceType(action.service, rt.name);
              return info !== undefined && refitArn(compileTemplate(info.arn), arn) !== undefined;
            });
            expect(fits, `${action.action} resolved ${arn}`).to.equal(true);
            // A value of another type never lands inside a template: no ARN embeds another, no bare wildcard.
            expect(arn.slice(4), arn).not.to.include('arn:');
            expect(arn).not.to.match(/(?<!\$\{)\*(?!\})/);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
