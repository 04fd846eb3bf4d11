import { expect } from 'chai';
import type { ActionInfo, ServiceInfo } from '../../../src/catalog/service-info.ts';
import { compareRole } from '../../../src/diff/compare.ts';
import { indexActions } from '../../../src/diff/expand.ts';
import type { CurrentPolicies } from '../../../src/current/types.ts';
import type { IamAction } from '../../../src/model/identifiers.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { fact, policy, ROLE } from './fake-index.ts';

const SERVICES: Record<string, Record<string, string>> = {
  s3: { GetObject: 'Read', PutObject: 'Write', ListAllMyBuckets: 'List' },
  logs: { CreateLogStream: 'Write', PutLogEvents: 'Write', DescribeLogGroups: 'List' },
  dynamodb: { GetItem: 'Read', DescribeTable: 'Read' },
};

const index = indexActions(
  Object.entries(SERVICES).map(([prefix, actions]): ServiceInfo => ({
    prefix,
    actions: new Map(
      Object.entries(actions).map(([name, accessLevel]): [string, ActionInfo] => [
        name.toLowerCase(),
        {
          action: `${prefix}:${name}` as IamAction,
          service: prefix,
          name,
          accessLevel,
          resourceTypes: [],
          conditionKeys: [],
          dependentActions: [],
        },
      ]),
    ),
    resourceTypes: new Map(),
  })),
);

const current = (...docs: PolicyDocument[]): CurrentPolicies => ({
  policies: docs.map((document, i) => ({ name: `p${i}`, kind: 'document', origin: 'test', document })),
  boundary: [],
  notes: [],
});
const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders';
const GROUP = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn';
const proposal = policy({ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [TABLE] });
const broad = policy(
  { Effect: 'Allow', Action: ['dynamodb:*'], Resource: ['*'] },
  {
    Effect: 'Allow',
    Action: ['s3:*'],
    Resource: ['arn:aws:s3:::bucket/*'],
    Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-0a1b2c3d4e5f67890'] } },
  },
  { Effect: 'Allow', Action: ['logs:*'], Resource: ['*'] },
);
const run = (facts = [fact('dynamodb:GetItem', [TABLE])], keepNotVisible?: boolean) =>
  compareRole({
    role: ROLE,
    current: current(broad),
    proposed: [proposal],
    facts,
    index,
    ...(keepNotVisible === undefined ? {} : { keepNotVisible }),
  });

describe('diff: granted actions the evidence could not have seen', () => {
  it('reports S3 object calls as not visible when the evidence holds no S3 object event, never as unused', () => {
    const diff = run();
    expect(diff.notVisible.map((n) => [n.action, n.kind, n.resourceType ?? ''])).to.deep.equal([
      ['logs:PutLogEvents', 'not-recorded', ''],
      ['s3:GetObject', 'data-event', 'AWS::S3::Object'],
      ['s3:PutObject', 'data-event', 'AWS::S3::Object'],
    ]);
    const unused = diff.unused.flatMap((g) => g.actions);
    expect(unused).to.include.members([
      'dynamodb:DescribeTable',
      's3:ListAllMyBuckets',
      'logs:CreateLogStream',
    ]);
    expect(unused).not.to.include.members(['s3:GetObject', 'logs:PutLogEvents']);
    expect([diff.summary.unused, diff.summary.notVisible]).to.deep.equal([unused.length, 3]);
    expect(diff.dataEvents).to.deep.equal([
      { resourceType: 'AWS::S3::Object', label: 'S3 object-level', seen: false },
      { resourceType: 'AWS::DynamoDB::Table', label: 'DynamoDB item-level', seen: true },
    ]);
  });

  it('counts S3 object calls as unused once the evidence holds one S3 object event of the role', () => {
    const diff = run([fact('dynamodb:GetItem', [TABLE]), fact('s3:GetObject', ['arn:aws:s3:::bucket/k'])]);
    expect(diff.notVisible.map((n) => n.action)).to.deep.equal(['logs:PutLogEvents']);
    expect(diff.unused.flatMap((g) => g.actions)).to.include('s3:PutObject');
  });

  it('counts a service as visible when the role has traces of its calls', () => {
    const traced = fact('s3:GetObject', ['arn:aws:s3:::other/k'], { sources: ['xray'] });
    const diff = run([fact('dynamodb:GetItem', [TABLE]), traced]);
    expect(diff.notVisible.map((n) => n.action)).to.deep.equal(['logs:PutLogEvents']);
  });

  it("keeps them in the proposal with the current statement's own resources and conditions", () => {
    const kept = run().proposed[0]!.Statement.filter((s) => s.Sid?.startsWith('NotVisible'));
    expect(kept.map((s) => [s.Action, s.Resource, s.Condition ?? null])).to.deep.equal(
      [
        [['logs:PutLogEvents'], ['*'], null],
        [
          ['s3:GetObject', 's3:PutObject'],
          ['arn:aws:s3:::bucket/*'],
          { StringEquals: { 'aws:SourceVpce': ['vpce-0a1b2c3d4e5f67890'] } },
        ],
      ].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    );
    expect(run().summary.after.actions).to.equal(4);
  });

  it('--no-keep-not-visible drops them from the proposal, still reported apart', () => {
    const diff = run(undefined, false);
    expect(diff.proposed).to.deep.equal([proposal]);
    expect([diff.keptNotVisible, diff.summary.notVisible, diff.summary.after.actions]).to.deep.equal([
      false,
      3,
      1,
    ]);
  });

  it('lists platform baseline grants as inferred, with the current decision, not as used', () => {
    const baseline = fact('logs:PutLogEvents', [`${GROUP}:*`], {
      count: 0,
      inferred: true,
      baseline: 'lambda-logs',
      sources: [],
    });
    const withBaseline = policy(
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [TABLE] },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [`${GROUP}:*`] },
    );
    const diff = compareRole({
      role: ROLE,
      current: current(broad),
      proposed: [withBaseline],
      facts: [fact('dynamodb:GetItem', [TABLE]), baseline],
      index,
    });
    expect(diff.inferred).to.deep.equal([
      { action: 'logs:PutLogEvents', resource: `${GROUP}:*`, baseline: 'lambda-logs', current: 'allowed' },
    ]);
    expect(diff.used.map((u) => u.action)).to.deep.equal(['dynamodb:GetItem']);
    expect(diff.notVisible.map((n) => n.action)).not.to.include('logs:PutLogEvents');
    expect(diff.unused.flatMap((g) => g.actions)).not.to.include('logs:PutLogEvents');
  });
});
