import { expect } from 'chai';
import type { IamState } from '../../../src/audit/iam-state.ts';
import { lambdaConfigFrom, mergeLambdaConfigs } from '../../../src/audit/lambda-shapes.ts';
import { ESCALATION_WEIGHT, LEVEL_WEIGHT } from '../../../src/audit/privilege.ts';
import { rankRoles, shellWord } from '../../../src/audit/rank.ts';
import { ESCALATION_ACTIONS } from '../../../src/catalog/escalation.ts';
import { indexActions } from '../../../src/diff/expand.ts';
import type { Fact } from '../../../src/model/fact.ts';
import type { Arn, IamAction } from '../../../src/model/identifiers.ts';
import type { Statement } from '../../../src/model/policy.ts';
import { realCatalog } from '../../support/catalog.ts';

const ACCOUNT = '111122223333';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}` as Arn;
const fnArn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;

function state(roles: Record<string, Statement[]>): IamState {
  return {
    roles: Object.entries(roles).map(([name, statements]) => ({
      arn: roleArn(name),
      name,
      incomplete: false,
      current: {
        policies: [
          {
            name: `${name}-inline`,
            kind: 'inline',
            origin: 'test',
            document: { Version: '2012-10-17', Statement: statements },
          },
        ],
        boundary: [],
        notes: [],
      },
    })),
    problems: [],
  };
}

function fact(role: string, action: string, count = 1): Fact {
  return {
    principal: roleArn(role),
    action: action as IamAction,
    resources: '*',
    context: {},
    outcome: 'allowed',
    count,
    firstSeen: '2026-11-18T00:00:00Z',
    lastSeen: '2026-11-18T00:00:00Z',
    sources: ['cloudtrail'],
    inferred: false,
  };
}

const lambda = mergeLambdaConfigs([
  lambdaConfigFrom(
    {
      Functions: [
        { FunctionName: 'web', FunctionArn: fnArn('web'), Role: roleArn('web-role') },
        { FunctionName: 'batch', FunctionArn: fnArn('batch'), Role: roleArn('batch-role') },
      ],
    },
    'fns.json',
  ),
  lambdaConfigFrom({ FunctionUrl: 'https://x/', FunctionArn: fnArn('web'), AuthType: 'NONE' }, 'url.json'),
]);

describe('audit: the ranking (exposure x unused privilege)', () => {
  it('scores each role by the documented rule and ranks highest first', async () => {
    const catalog = await realCatalog('sqs', 'iam', 'sns');
    const index = indexActions(
      catalog.loadedServices().filter((s) => ['sqs', 'iam', 'sns'].includes(s.prefix)),
    );
    const iam = state({
      'web-role': [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:DeleteQueue'], Resource: ['*'] }],
      'batch-role': [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:DeleteQueue'], Resource: ['*'] }],
      'idle-role': [{ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] }],
      'scoped-role': [
        { Effect: 'Allow', Action: ['sns:Publish'], Resource: [`arn:aws:sns:eu-west-1:${ACCOUNT}:t`] },
      ],
    });
    const facts = [
      fact('web-role', 'sqs:SendMessage', 3),
      fact('batch-role', 'sqs:SendMessage'),
      fact('scoped-role', 'sns:Publish'),
    ];
    const model = rankRoles({ iam, lambda, facts, index, diffCommand: (r) => `diff ${r}` });
    const byRole = Object.fromEntries(
      model.entries.map((e) => [e.role.slice(e.role.lastIndexOf('/') + 1), e]),
    );
    // web: public (4) x DeleteQueue unused, Write on "*" (2 x 2) = 16; batch: none (1) x 4 = 4.
    expect(byRole['web-role']!.score).to.equal(4 * LEVEL_WEIGHT.Write * 2);
    expect(byRole['batch-role']!.score).to.equal(1 * LEVEL_WEIGHT.Write * 2);
    // idle: iam:PassRole on "*" unused (Write, doubled) + the escalation weight; no function: exposure none.
    expect(byRole['idle-role']!.score).to.equal(LEVEL_WEIGHT.Write * 2 + ESCALATION_WEIGHT);
    expect(byRole['idle-role']!.privilege.escalation.map((e) => e.action)).to.deep.equal(['iam:PassRole']);
    expect(byRole['scoped-role']!.score).to.equal(0);
    expect(model.entries.map((e) => e.rank)).to.deep.equal([1, 2, 3, 4]);
    expect(model.entries.map((e) => e.role.slice(e.role.lastIndexOf('/') + 1))).to.deep.equal([
      'idle-role',
      'web-role',
      'batch-role',
      'scoped-role',
    ]);
    expect(byRole['web-role']!.exposure).to.equal('public');
    expect(byRole['web-role']!.calls).to.equal(3);
    expect(byRole['web-role']!.fix).to.equal(`diff ${roleArn('web-role')}`);
    expect(byRole['idle-role']!.fix).to.match(/^no use in the window/);
    expect(byRole['scoped-role']!.fix).to.equal('nothing unused');
  });

  it('reports functions without use, evidence roles not in IAM, and functions whose role is missing', async () => {
    const catalog = await realCatalog('sqs');
    const index = indexActions(catalog.loadedServices().filter((s) => s.prefix === 'sqs'));
    const iam = state({ 'web-role': [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['*'] }] });
    const model = rankRoles({
      iam,
      lambda,
      facts: [fact('ghost-role', 'sqs:SendMessage')],
      index,
      diffCommand: () => '',
    });
    expect(model.unusedFunctions).to.deep.equal(['batch', 'web']);
    expect(model.unknownRoles).to.deep.equal([roleArn('ghost-role')]);
    expect(model.functionsWithoutRole).to.deep.equal(['batch']);
  });

  it('flags admin-equivalent and service-wildcard statements, and PassRole only on "*"', async () => {
    const catalog = await realCatalog('s3', 'iam');
    const index = indexActions(catalog.loadedServices().filter((s) => ['s3', 'iam'].includes(s.prefix)));
    const iam = state({
      'a-role': [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
      'b-role': [
        { Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] },
        { Effect: 'Allow', Action: ['iam:PassRole'], Resource: [roleArn('x')] },
      ],
    });
    const model = rankRoles({
      iam,
      lambda: lambdaConfigFrom({ Functions: [] }, 'f'),
      facts: [],
      index,
      diffCommand: () => '',
    });
    const [a, b] = [
      model.entries.find((e) => e.role.endsWith('/a-role'))!,
      model.entries.find((e) => e.role.endsWith('/b-role'))!,
    ];
    expect(a.privilege.broad.map((x) => x.kind)).to.deep.equal(['admin']);
    expect(a.privilege.escalation.length).to.be.greaterThan(10);
    expect(b.privilege.broad).to.deep.equal([
      { policy: 'b-role-inline', kind: 'service-wildcard', patterns: ['s3:*'] },
    ]);
    expect(b.privilege.escalation).to.deep.equal([]);
  });

  it('is deterministic: the same inputs in any order rank the same', async () => {
    const catalog = await realCatalog('sqs');
    const index = indexActions(catalog.loadedServices().filter((s) => s.prefix === 'sqs'));
    const iam = state({
      'x-role': [{ Effect: 'Allow', Action: ['sqs:*'], Resource: ['*'] }],
      'y-role': [{ Effect: 'Allow', Action: ['sqs:*'], Resource: ['*'] }],
    });
    const reversed = { ...iam, roles: [...iam.roles].reverse() };
    const one = rankRoles({ iam, lambda, facts: [], index, diffCommand: () => '' });
    const two = rankRoles({ iam: reversed, lambda, facts: [], index, diffCommand: () => '' });
    expect(JSON.stringify(two)).to.equal(JSON.stringify(one));
    // Equal scores are ordered by role ARN.
    expect(one.entries.map((e) => e.role)).to.deep.equal([roleArn('x-role'), roleArn('y-role')]);
  });

  it('the escalation data names only actions that exist in iam-data, in canonical case', async () => {
    const actions = ESCALATION_ACTIONS.map((e) => e.action);
    const catalog = await realCatalog(...new Set(actions.map((a) => a.split(':')[0]!)));
    expect(actions.filter((a) => catalog.actionOf(a)?.action !== a)).to.deep.equal([]);
  });

  it('quotes shell words that hold anything but path characters', () => {
    expect(shellWord('samples/cloudtrail')).to.equal('samples/cloudtrail');
    expect(shellWord("it's $(x)")).to.equal(`'it'\\''s $(x)'`);
  });
});
