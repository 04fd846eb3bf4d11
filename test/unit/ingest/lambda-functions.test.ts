import { expect } from 'chai';
import { functionRoleFromRecord, LearnedFunctionRoles } from '../../../src/ingest/function-roles.ts';
import { lambdaFunctions, type FunctionConfig } from '../../../src/ingest/lambda-functions.ts';
import type { Fact } from '../../../src/model/fact.ts';
import type { Arn } from '../../../src/model/identifiers.ts';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role' as Arn;

/** Lambda's own AssumeRole of the execution role, as CloudTrail delivers it (fictional IDs). */
const assumeRole = (session: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.08',
  userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
  eventTime: '2026-11-21T00:14:30Z',
  eventSource: 'sts.amazonaws.com',
  eventName: 'AssumeRole',
  awsRegion: 'eu-west-1',
  sourceIPAddress: 'lambda.amazonaws.com',
  userAgent: 'lambda.amazonaws.com',
  requestParameters: { roleArn: ROLE, roleSessionName: session },
  ...extra,
});

/** A call made with the role's session (Lambda names it after the function). */
const sessionCall = (session: string, userAgent: string) => ({
  userIdentity: {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID0001:${session}`,
    sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE } },
  },
  eventSource: 'dynamodb.amazonaws.com',
  eventName: 'GetItem',
  awsRegion: 'eu-west-1',
  userAgent,
});

const logFact = (group: string, action = 'logs:CreateLogStream'): Fact => ({
  principal: ROLE,
  action: action as Fact['action'],
  resources: [
    `arn:aws:logs:eu-west-1:123456789012:log-group:${group}:log-stream:2026/11/21/[$LATEST]abc` as Arn,
  ],
  context: {},
  outcome: 'allowed',
  count: 3,
  firstSeen: '2026-11-21T00:00:00Z',
  lastSeen: '2026-11-21T01:00:00Z',
  sources: ['cloudtrail'],
  inferred: false,
});

function learn(...records: unknown[]) {
  const learned = new LearnedFunctionRoles();
  for (const r of records) learned.learn(r);
  return learned.pairs();
}

describe('lambda functions behind a role', () => {
  it("learns Lambda's AssumeRole of the role as a function of that name, with its region", () => {
    expect(functionRoleFromRecord(assumeRole('orders-api'))).to.deep.equal({
      session: 'orders-api',
      role: ROLE,
      account: '123456789012',
      lambda: false,
      assumed: true,
      regions: ['eu-west-1'],
    });
    const [f] = lambdaFunctions(learn(assumeRole('orders-api')), [], []);
    expect(f).to.include({ name: 'orders-api', region: 'eu-west-1', account: '123456789012' });
    expect(f?.evidence).to.deep.equal(['assumed-by-lambda']);
  });

  it('ignores a refused AssumeRole, one not made by Lambda, and a forged role ARN', () => {
    const refused = assumeRole('orders-api', { errorCode: 'AccessDenied' });
    const byEc2 = assumeRole('orders-api', {
      userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
    });
    const forged = assumeRole('orders-api', {
      requestParameters: { roleArn: 'arn:aws:iam::123456789012:user/x', roleSessionName: 'orders-api' },
    });
    expect([refused, byEc2, forged].map(functionRoleFromRecord)).to.deep.equal([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('takes a session with a Lambda runtime user agent as the function it is named after', () => {
    const pairs = learn(sessionCall('orders-api', 'aws-sdk-js/3.658.1 exec-env/AWS_Lambda_nodejs20.x'));
    expect(lambdaFunctions(pairs, [], []).map((f) => [f.name, f.evidence])).to.deep.equal([
      ['orders-api', ['lambda-user-agent']],
    ]);
  });

  it('does not take a session name alone as a function (anyone can name a session)', () => {
    const pairs = learn(sessionCall('orders-api', 'aws-cli/2.15.0'));
    expect(lambdaFunctions(pairs, [], [])).to.deep.equal([]);
    // ... unless that session wrote to the function's own log group.
    const withGroup = lambdaFunctions(pairs, [], [logFact('/aws/lambda/orders-api')]);
    expect(withGroup.map((f) => f.evidence)).to.deep.equal([['log-group']]);
  });

  it('takes a traced function attributed to the role, and knows tracing is on from X-Ray facts', () => {
    const xray: Fact = { ...logFact('/aws/lambda/orders-api', 'dynamodb:GetItem'), sources: ['xray'] };
    const [f] = lambdaFunctions(
      [],
      [
        {
          name: 'orders-api',
          functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api',
          role: ROLE,
        },
      ],
      [xray],
    );
    expect(f).to.include({ name: 'orders-api', region: 'eu-west-1', tracing: true });
    expect(f?.evidence).to.deep.equal(['trace']);
  });

  it("uses the observed log group, a sole function's custom group, else /aws/lambda/<name>", () => {
    const pairs = learn(assumeRole('orders-api'));
    expect(lambdaFunctions(pairs, [], [logFact('/aws/lambda/orders-api')])[0]).to.include({
      logGroupFrom: 'observed',
    });
    const custom = lambdaFunctions(pairs, [], [logFact('/shared/orders')])[0]!;
    expect([custom.logGroups, custom.logGroupFrom]).to.deep.equal([['/shared/orders'], 'observed']);
    const none = lambdaFunctions(pairs, [], [])[0]!;
    expect([none.logGroups, none.logGroupFrom]).to.deep.equal([['/aws/lambda/orders-api'], 'default']);
  });

  it('keeps no invalid function name, region or log group from the records', () => {
    const pairs = learn(assumeRole('bad name*'), assumeRole('ok-fn', { awsRegion: 'eu-west-1"}' }));
    expect(lambdaFunctions(pairs, [], [])).to.deep.equal([]);
    const group = lambdaFunctions(learn(assumeRole('fn')), [], [logFact('/x/${aws:username}')])[0]!;
    expect(group.logGroups).to.deep.equal(['/aws/lambda/fn']);
  });

  const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api';
  const config = (over: Partial<FunctionConfig> = {}): FunctionConfig => ({
    arn: FN,
    role: ROLE,
    eventSources: [],
    ...over,
  });

  it("takes the function's configuration as evidence, and its LoggingConfig group over the observed one", () => {
    const [f] = lambdaFunctions(learn(assumeRole('orders-api')), [], [logFact('/aws/lambda/orders-api')], {
      configs: [config({ logGroup: '/acme/orders' })],
    });
    expect(f).to.deep.include({
      evidence: ['assumed-by-lambda', 'function-config'],
      logGroups: ['/acme/orders'],
      logGroupFrom: 'config',
      eventSources: [],
    });
    // Configured, never seen: still a function of the role.
    const [only] = lambdaFunctions([], [], [], { configs: [config()] });
    expect(only).to.deep.include({ name: 'orders-api', region: 'eu-west-1', evidence: ['function-config'] });
    expect(only?.logGroups).to.deep.equal(['/aws/lambda/orders-api']);
  });

  it('keeps the VPC attachment and the event sources of the config, and drops forged values', () => {
    const [f] = lambdaFunctions([], [], [], {
      configs: [
        config({
          vpc: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0c3d4e5f607182930'] },
          eventSources: [
            'arn:aws:sqs:eu-west-1:123456789012:order-events',
            'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks',
            'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-11-01T00:00:00.000',
            'arn:aws:sqs:eu-west-1:123456789012:*',
            'arn:aws:kafka:eu-west-1:123456789012:cluster/c/1',
          ],
        }),
      ],
    });
    expect(f?.vpc).to.deep.equal({
      subnets: ['subnet-0a1b2c3d4e5f60718'],
      securityGroups: ['sg-0c3d4e5f607182930'],
    });
    expect(f?.eventSources).to.deep.equal([
      'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-11-01T00:00:00.000',
      'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks',
      'arn:aws:sqs:eu-west-1:123456789012:order-events',
    ]);
    const forged = lambdaFunctions([], [], [], {
      configs: [
        config({
          logGroup: '/x/${aws:username}',
          vpc: { subnets: ['subnet-${aws:username}'], securityGroups: [] },
        }),
        config({ arn: 'arn:aws:lambda:eu-west-1:123456789012:function:bad name' }),
      ],
    });
    expect(forged.map((x) => [x.name, x.logGroups, x.vpc])).to.deep.equal([
      ['orders-api', ['/aws/lambda/orders-api'], { subnets: ['*'], securityGroups: ['*'] }],
    ]);
  });

  it('takes every session of a role only Lambda may assume as a function (trust policy from --iam)', () => {
    const pairs = learn(sessionCall('orders-api', 'aws-sdk-js/3.700.0'));
    expect(lambdaFunctions(pairs, [], [])).to.deep.equal([]);
    const [f] = lambdaFunctions(pairs, [], [], { lambdaOnlyTrust: new Set([ROLE]) });
    expect(f).to.deep.include({ name: 'orders-api', evidence: ['trust-policy'], logGroupFrom: 'default' });
  });
});
