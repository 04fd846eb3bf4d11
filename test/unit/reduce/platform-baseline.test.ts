import { expect } from 'chai';
import { baselineActions, platformBaselines } from '../../../src/catalog/platform-baselines.ts';
import type { LambdaFunction } from '../../../src/ingest/lambda-functions.ts';
import type { Fact } from '../../../src/model/fact.ts';
import type { Arn } from '../../../src/model/identifiers.ts';
import { evaluateRequest } from '../../../src/policy/evaluate.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../../src/reduce/options.ts';
import { baselineFacts } from '../../../src/reduce/platform-baseline.ts';
import { reducePrincipal } from '../../../src/reduce/reduce.ts';
import { verifyPolicy } from '../../../src/reduce/verify.ts';
import { realCatalog } from '../../support/catalog.ts';

const ROLE = 'arn:aws:iam::123456789012:role/orders-api-role' as Arn;
const GROUP = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders-api';

const fn = (over: Partial<LambdaFunction> = {}): LambdaFunction => ({
  role: ROLE,
  name: 'orders-api',
  partition: 'aws',
  region: 'eu-west-1',
  account: '123456789012',
  evidence: ['assumed-by-lambda'],
  logGroups: ['/aws/lambda/orders-api'],
  logGroupFrom: 'observed',
  tracing: false,
  ...over,
});

const streamFact: Fact = {
  principal: ROLE,
  action: 'logs:CreateLogStream',
  resources: [`${GROUP}:log-stream:2026/11/21/[$LATEST]0123abcd` as Arn],
  context: {},
  outcome: 'allowed',
  count: 4,
  firstSeen: '2026-11-21T00:00:00Z',
  lastSeen: '2026-11-22T00:00:00Z',
  sources: ['cloudtrail'],
  inferred: false,
};

const byRole = new Map([[ROLE as string, [streamFact]]]);

describe('platform baselines', () => {
  it("grants the function's log writes on its own group, dated like the role's calls", () => {
    const { facts, applied } = baselineFacts([fn()], byRole);
    expect(facts.map((f) => [f.action, f.resources, f.count, f.inferred, f.baseline])).to.deep.equal([
      ['logs:CreateLogGroup', [`${GROUP}:*`], 0, true, 'lambda-logs'],
      ['logs:CreateLogStream', [`${GROUP}:*`], 0, true, 'lambda-logs'],
      ['logs:PutLogEvents', [`${GROUP}:*`], 0, true, 'lambda-logs'],
    ]);
    expect(facts[0]).to.include({ firstSeen: '2026-11-21T00:00:00Z', lastSeen: '2026-11-22T00:00:00Z' });
    expect(applied.map((a) => [a.baseline, a.managedPolicy, a.evidence])).to.deep.equal([
      [
        'lambda-logs',
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        ['assumed-by-lambda', 'log group observed'],
      ],
    ]);
  });

  it('adds the X-Ray writes only when tracing is known to be on', () => {
    const actions = (f: LambdaFunction) => baselineFacts([f], byRole).facts.map((x) => x.action);
    expect(actions(fn())).not.to.include('xray:PutTraceSegments');
    expect(actions(fn({ tracing: true }))).to.include.members([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('reduces to one statement on log-group:<group>:* that covers the observed stream and later ones', () => {
    const { facts } = baselineFacts([fn()], byRole);
    const { policy, explain } = reducePrincipal(ROLE, [streamFact, ...facts]);
    expect(policy.Statement.map((s) => [s.Action, s.Resource])).to.deep.equal([
      [['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], [`${GROUP}:*`]],
    ]);
    const later = `${GROUP}:log-stream:2027/01/05/[7]abcdef`;
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents'])
      expect(evaluateRequest([policy], { action, resource: later, context: {} }).decision).to.equal(
        'allowed',
      );
    expect(explain[0]?.actions).to.deep.equal([
      {
        action: 'logs:CreateLogGroup',
        calls: 0,
        authorizedFailures: 0,
        inferred: true,
        baseline: ['lambda-logs'],
      },
      {
        action: 'logs:CreateLogStream',
        calls: 4,
        authorizedFailures: 0,
        inferred: false,
        baseline: ['lambda-logs'],
      },
      {
        action: 'logs:PutLogEvents',
        calls: 0,
        authorizedFailures: 0,
        inferred: true,
        baseline: ['lambda-logs'],
      },
    ]);
  });

  it('folds an observed grant with a condition into the baseline that covers it, never the reverse', () => {
    const conditioned = { ...streamFact, context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } };
    const { facts } = baselineFacts([fn()], byRole);
    const { policy } = reducePrincipal(ROLE, [conditioned, ...facts]);
    // One statement, no condition: the baseline allows every request the conditioned grant did.
    expect(policy.Statement.map((s) => [s.Action, s.Condition])).to.deep.equal([
      [['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], undefined],
    ]);
  });

  it("grants a VPC function's ENI actions on its own subnets, security groups and interfaces", () => {
    const vpc = fn({
      vpc: {
        subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b2c3d4e5f6071829'],
        securityGroups: ['sg-0c3d4e5f607182930'],
      },
    });
    expect(baselineFacts([fn()], byRole).facts.filter((f) => f.action.startsWith('ec2:'))).to.deep.equal([]);
    const { facts, applied } = baselineFacts([vpc], byRole);
    const { policy } = reducePrincipal(ROLE, [streamFact, ...facts]);
    const ec2 = policy.Statement.filter((s) => (s.Action ?? []).some((a) => a.startsWith('ec2:')));
    const arn = (r: string) => `arn:aws:ec2:eu-west-1:123456789012:${r}`;
    expect(ec2.map((s) => [s.Action, s.Resource])).to.deep.equal([
      [
        ['ec2:AssignPrivateIpAddresses', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'],
        [arn('network-interface/*')],
      ],
      [
        ['ec2:CreateNetworkInterface'],
        [
          arn('network-interface/*'),
          arn('security-group/sg-0c3d4e5f607182930'),
          arn('subnet/subnet-0a1b2c3d4e5f60718'),
          arn('subnet/subnet-0b2c3d4e5f6071829'),
        ],
      ],
      [['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], ['*']],
    ]);
    expect(applied.find((a) => a.baseline === 'lambda-vpc')?.evidence).to.include(
      'VpcConfig subnets subnet-0a1b2c3d4e5f60718, subnet-0b2c3d4e5f6071829',
    );
    // Another subnet (the function moved) is not granted: the proposal follows the config it was made from.
    const other = {
      action: 'ec2:CreateNetworkInterface',
      resource: arn('subnet/subnet-0f0f0f0f0f0f0f0f0'),
      context: {},
    };
    expect(evaluateRequest([policy], other).decision).not.to.equal('allowed');
  });

  it("grants the polling reads of each mapping's source on its ARN, without the function's own condition", () => {
    const queue = 'arn:aws:sqs:eu-west-1:123456789012:order-events';
    const stream = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';
    const table = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-11-01T00:00:00.000';
    const polled = fn({ eventSources: [table, stream, queue] });
    const receive: Fact = {
      ...streamFact,
      action: 'sqs:ReceiveMessage',
      resources: [queue as Arn],
      context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' },
    };
    const { facts } = baselineFacts([polled], byRole);
    const { policy } = reducePrincipal(ROLE, [streamFact, receive, ...facts]);
    const grants = policy.Statement.filter((s) => !(s.Action ?? [])[0]!.startsWith('logs:')).map((s) => [
      s.Action,
      s.Resource,
      s.Condition,
    ]);
    expect(grants).to.deep.equal([
      [['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], [table], undefined],
      [['dynamodb:ListStreams', 'kinesis:ListStreams'], ['*'], undefined],
      [
        [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
        ],
        [stream],
        undefined,
      ],
      [['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], [queue], undefined],
    ]);
    // Lambda's poll carries no aws:SourceVpce: it is allowed.
    const poll = { action: 'sqs:ReceiveMessage', resource: queue, context: {} };
    expect(evaluateRequest([policy], poll).decision).to.equal('allowed');
    const none = baselineFacts([fn({ eventSources: [] })], byRole).facts;
    expect(none.filter((f) => f.baseline !== 'lambda-logs')).to.deep.equal([]);
  });

  it('--no-baseline leaves the baseline facts out; the self-check holds baseline grants to account', () => {
    const { facts } = baselineFacts([fn()], byRole);
    const off = reducePrincipal(ROLE, [streamFact, ...facts], { ...DEFAULT_REDUCE_OPTIONS, baseline: false });
    expect(off.policy.Statement.flatMap((s) => s.Action)).to.deep.equal(['logs:CreateLogStream']);
    expect(() => verifyPolicy(off.policy, facts)).to.throw(/PutLogEvents|CreateLogGroup/);
  });

  it('names only iam-data actions, and "*" only for actions without resource-level permissions', async () => {
    const actions = baselineActions();
    const catalog = await realCatalog(...new Set(actions.map((a) => a.split(':')[0]!)));
    expect(actions.filter((a) => catalog.actionOf(a)?.action !== a)).to.deep.equal([]);
    const wrongStar = platformBaselines().flatMap((b) =>
      b.grants
        .filter((g) => g.resource === '*')
        .flatMap((g) => g.actions.filter((a) => (catalog.actionOf(a)?.resourceTypes.length ?? 0) > 0)),
    );
    expect(wrongStar).to.deep.equal([]);
  });
});
