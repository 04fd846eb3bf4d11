import { expect } from 'chai';
import { functionExposures } from '../../../src/audit/exposure.ts';
import { iamStateFrom } from '../../../src/audit/iam-state.ts';
import { lambdaConfigFrom, mergeLambdaConfigs } from '../../../src/audit/lambda-shapes.ts';

const ACCOUNT = '111122223333';
const fn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const functions = (...names: string[]) =>
  lambdaConfigFrom(
    { Functions: names.map((n) => ({ FunctionName: n, FunctionArn: fn(n), Role: role(`${n}-role`) })) },
    'list-functions.json',
  );
const policy = (statements: unknown[]) =>
  lambdaConfigFrom(
    { Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) },
    'get-policy.json',
  );
const exposureOf = (...parts: ReturnType<typeof lambdaConfigFrom>[]) =>
  functionExposures(mergeLambdaConfigs([functions('f'), ...parts]))[0]!;

describe('audit: the exposure model', () => {
  it('has no way in without a URL, a resource policy or an event source', () => {
    const e = exposureOf();
    expect(e.level).to.equal('none');
    expect(e.paths).to.deep.equal([]);
  });

  it('a URL with auth NONE is public, with AWS_IAM internal', () => {
    const url = (authType: string) =>
      lambdaConfigFrom({ FunctionUrl: 'https://x/', FunctionArn: fn('f'), AuthType: authType }, 'url.json');
    expect(exposureOf(url('NONE')).level).to.equal('public');
    expect(exposureOf(url('AWS_IAM')).level).to.equal('internal');
  });

  it('a service principal or an event source mapping is external input', () => {
    const api = policy([
      {
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fn('f'),
        Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:eu-west-1:111122223333:abc/*' } },
      },
    ]);
    expect(exposureOf(api).level).to.equal('external');
    expect(exposureOf(api).paths[0]!.detail).to.equal('apigateway.amazonaws.com (aws:sourcearn)');
    const queue = lambdaConfigFrom(
      {
        EventSourceMappings: [
          { FunctionArn: fn('f'), EventSourceArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, State: 'Enabled' },
        ],
      },
      'esm.json',
    );
    expect(exposureOf(queue).level).to.equal('external');
  });

  it('"*" is public unless a source condition pins it or only IAM-authenticated URL calls are allowed', () => {
    const star = (condition?: unknown) =>
      policy([
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'lambda:InvokeFunction',
          Resource: fn('f'),
          ...(condition ? { Condition: condition } : {}),
        },
      ]);
    expect(exposureOf(star()).level).to.equal('public');
    expect(exposureOf(star({ StringEquals: { 'AWS:SourceAccount': ACCOUNT } })).level).to.equal('external');
    expect(exposureOf(star({ StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } })).level).to.equal(
      'internal',
    );
    expect(exposureOf(star({ StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } })).level).to.equal(
      'public',
    );
    expect(
      exposureOf(
        policy([
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'lambda:InvokeFunction', Resource: fn('f') },
        ]),
      ).level,
    ).to.equal('public');
  });

  it('this account is internal, another account external; the strongest path wins', () => {
    const grant = (aws: unknown) =>
      policy([
        { Effect: 'Allow', Principal: { AWS: aws }, Action: 'lambda:InvokeFunction', Resource: fn('f') },
      ]);
    expect(exposureOf(grant(`arn:aws:iam::${ACCOUNT}:root`)).level).to.equal('internal');
    expect(exposureOf(grant('444455556666')).level).to.equal('external');
    // One statement naming this account and "*": every principal counts, so it is public.
    expect(exposureOf(grant([ACCOUNT, '*'])).level).to.equal('public');
  });

  it('a Deny never adds exposure, and a grant for another function does not count', () => {
    expect(
      exposureOf(policy([{ Effect: 'Deny', Principal: '*', Action: 'lambda:*', Resource: fn('f') }])).level,
    ).to.equal('none');
    expect(
      exposureOf(
        policy([{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: fn('other') }]),
      ).level,
    ).to.equal('none');
  });
});

describe('audit: malformed Lambda inputs are reported with the file and never trusted', () => {
  it('names an unknown shape', () => {
    expect(lambdaConfigFrom({ Something: [] }, 'x.json').problems[0]).to.match(
      /^x\.json: not list-functions/,
    );
    expect(lambdaConfigFrom([1, 2], 'y.json').problems).to.have.length(1);
  });

  it('skips functions without a valid ARN or role, keeps the rest', () => {
    const config = lambdaConfigFrom(
      {
        Functions: [
          { FunctionName: 'ok', FunctionArn: fn('ok'), Role: role('ok-role') },
          { FunctionName: 'bad', FunctionArn: 'arn:aws:lambda:eu-west-1:1:function:bad', Role: role('r') },
          {
            FunctionName: 'forged',
            FunctionArn: fn('forged'),
            Role: 'arn:aws:iam::111122223333:role/x\u001b[2J',
          },
          { FunctionName: 'norole', FunctionArn: fn('norole') },
          null,
        ],
      },
      'fns.json',
    );
    expect(config.functions.map((f) => f.name)).to.deep.equal(['ok']);
    expect(config.problems).to.have.length(4);
    expect(config.problems.every((p) => p.startsWith('fns.json: Functions/'))).to.equal(true);
  });

  it('reports a Policy that is not JSON, a statement without a function or principal, a bad URL auth type', () => {
    expect(lambdaConfigFrom({ Policy: '{not json' }, 'p.json').problems).to.deep.equal([
      'p.json: Policy is not JSON; skipped',
    ]);
    const p = policy([
      { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:s3:::b' },
      { Effect: 'Allow', Principal: { Federated: 'x' }, Action: 'lambda:InvokeFunction', Resource: fn('f') },
      { Effect: 'Maybe', Principal: '*', Resource: fn('f') },
    ]);
    expect(p.grants).to.deep.equal([]);
    expect(p.problems).to.have.length(3);
    const url = lambdaConfigFrom(
      { FunctionUrl: 'https://x/', FunctionArn: fn('f'), AuthType: 'OPEN' },
      'u.json',
    );
    expect(url.urls).to.deep.equal([]);
    expect(url.problems[0]).to.match(/^u\.json: needs a function FunctionArn and AuthType/);
  });

  it('a function listed twice with different roles counts for both roles', () => {
    const twice = mergeLambdaConfigs([
      functions('f'),
      lambdaConfigFrom(
        { Functions: [{ FunctionName: 'f', FunctionArn: fn('f'), Role: role('other') }] },
        'b.json',
      ),
    ]);
    expect(functionExposures(twice).map((e) => e.role)).to.deep.equal([role('f-role'), role('other')]);
    expect(twice.problems).to.have.length(1);
  });
});

describe('audit: the IAM state', () => {
  const details = {
    RoleDetailList: [
      {
        RoleName: 'a',
        Arn: role('a'),
        RolePolicyList: [
          {
            PolicyName: 'p',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
            },
          },
        ],
      },
      // A forged RoleName cannot take another role's policies: entries match by ARN.
      { RoleName: 'a', Arn: role('b'), RolePolicyList: [] },
      { RoleName: 'c', Arn: 'not-an-arn' },
      { RoleName: 'd', Arn: role('d'), RolePolicyList: [{ PolicyName: 'broken', PolicyDocument: '{oops' }] },
      { RoleName: 'a', Arn: role('a') },
    ],
    Policies: [],
  };

  it('reads every role by ARN, reports bad entries and marks unreadable policies incomplete', () => {
    const state = iamStateFrom(details, 'authz.json');
    expect(state.roles.map((r) => [r.name, r.current.policies.length, r.incomplete])).to.deep.equal([
      ['a', 1, false],
      ['b', 0, false],
      ['d', 0, true],
    ]);
    expect(state.problems.join('\n')).to.match(/RoleDetailList\/2: no valid role ARN/);
    expect(state.problems.join('\n')).to.match(/RoleDetailList\/4: .* appears twice/);
    expect(state.problems.join('\n')).to.match(/authz\.json: RolePolicyList\/0: not JSON/);
  });

  it('names a file that is not authorization details', () => {
    expect(iamStateFrom({ Statement: [] }, 'p.json').problems).to.deep.equal([
      'p.json: not get-account-authorization-details output (no RoleDetailList)',
    ]);
  });
});
