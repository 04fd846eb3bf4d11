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

  it('keeps an observed grant with a condition apart from the baseline', () => {
    const conditioned = { ...streamFact, context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } };
    const { facts } = baselineFacts([fn()], byRole);
    const { policy } = reducePrincipal(ROLE, [conditioned, ...facts]);
    expect(policy.Statement).to.have.length(2);
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
    // The ENI actions name their network interface, subnet and security group, which no evidence gives.
    expect(wrongStar.filter((a) => !a.startsWith('ec2:'))).to.deep.equal([]);
  });
});
