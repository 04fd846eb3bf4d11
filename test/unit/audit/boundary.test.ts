import { expect } from 'chai';
import { buildBoundary } from '../../../src/audit/boundary-build.ts';
import { proveBoundary } from '../../../src/audit/boundary-proof.ts';
import { globMatcher } from '../../../src/app/boundary.ts';
import { InternalError } from '../../../src/errors.ts';
import type { Fact } from '../../../src/model/fact.ts';
import type { Arn, IamAction } from '../../../src/model/identifiers.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { evaluateRequest } from '../../../src/policy/evaluate.ts';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role` as Arn;
const OPTIONS = { serviceLevel: false, policyName: 'app-boundary' };

function fact(
  action: string,
  resources: string[] | '*',
  context: Record<string, string> = { 'aws:RequestedRegion': 'eu-west-1' },
): Fact {
  return {
    principal: ROLE,
    action: action as IamAction,
    resources: resources as Arn[] | '*',
    context,
    outcome: 'allowed',
    count: 1,
    firstSeen: '2026-11-18T00:00:00Z',
    lastSeen: '2026-11-18T00:00:00Z',
    sources: ['cloudtrail'],
    inferred: false,
  };
}

const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
const FACTS = [
  fact('dynamodb:GetItem', [TABLE]),
  fact('s3:GetObject', ['arn:aws:s3:::bucket/key']),
  fact('cloudwatch:PutMetricData', '*'),
  fact('iam:PassRole', [`arn:aws:iam::${ACCOUNT}:role/worker-role`], {}),
];
// The proposal generate would make for these facts (exact resources).
const PROPOSAL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [TABLE] },
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bucket/key'] },
    { Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: ['*'] },
    { Effect: 'Allow', Action: ['iam:PassRole'], Resource: [`arn:aws:iam::${ACCOUNT}:role/worker-role`] },
  ],
};
const roles = [{ role: ROLE, documents: [PROPOSAL], facts: FACTS }];

describe('boundary: built from the combined evidence', () => {
  const built = buildBoundary(FACTS, [ROLE], OPTIONS);
  const sids = built.document.Statement.map((s) => s.Sid);

  it('allows what was used, held to the accounts and regions seen where every call allows it', () => {
    const allow = Object.fromEntries(
      built.document.Statement.filter((s) => s.Effect === 'Allow').map((s) => [s.Sid, s]),
    );
    expect(allow['UsedInSeenAccountsInSeenRegions']!.Action).to.deep.equal(['dynamodb:GetItem']);
    expect(allow['UsedInSeenAccountsInSeenRegions']!.Condition).to.deep.equal({
      StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] },
      StringEqualsIfExists: { 'aws:ResourceAccount': [ACCOUNT] },
    });
    // S3 ARNs and "*" name no account; PassRole recorded no region.
    expect(allow['UsedInSeenRegions']!.Action).to.deep.equal(['cloudwatch:PutMetricData', 's3:GetObject']);
    expect(allow['UsedInSeenAccounts']!.Action).to.deep.equal(['iam:PassRole']);
    expect(built.accounts).to.deep.equal([ACCOUNT]);
    expect(built.regions).to.deep.equal(['eu-west-1']);
  });

  it('denies escalation on "*", and a used escalation action everywhere but where it was used', () => {
    const deny = built.document.Statement.find((s) => s.Sid === 'DenyPrivilegeEscalation')!;
    expect(deny.Resource).to.deep.equal(['*']);
    expect(deny.Action).to.include('iam:CreateAccessKey');
    expect(deny.Action).to.not.include('iam:PassRole');
    const passRole = built.document.Statement.find((s) => s.Sid === 'DenyIamPassRoleElsewhere')!;
    expect(passRole.NotResource).to.deep.equal([`arn:aws:iam::${ACCOUNT}:role/worker-role`]);
    expect(sids).to.include.members(['DenyBoundaryRemoval', 'DenyBoundaryPolicyChange']);
  });

  it('at service level allows whole services', () => {
    const service = buildBoundary(FACTS, [ROLE], { ...OPTIONS, serviceLevel: true });
    const actions = service.document.Statement.filter((s) => s.Effect === 'Allow').flatMap(
      (s) => s.Action ?? [],
    );
    expect(actions.sort()).to.deep.equal(['cloudwatch:*', 'dynamodb:*', 'iam:*', 's3:*']);
    expect(() => proveBoundary(service, roles, OPTIONS.policyName)).to.not.throw();
  });

  it('is deterministic: facts in any order give the same document', () => {
    const again = buildBoundary([...FACTS].reverse(), [ROLE], OPTIONS);
    expect(JSON.stringify(again.document)).to.equal(JSON.stringify(built.document));
  });
});

describe('boundary: the proof', () => {
  it('passes: every observed call still allowed, escalation and boundary changes explicitly denied', () => {
    const built = buildBoundary(FACTS, [ROLE], OPTIONS);
    const proof = proveBoundary(built, roles, OPTIONS.policyName);
    expect(proof.requestsAllowed).to.equal(4);
    expect(proof.requestsDenied).to.be.greaterThan(20);
    // Independently: the evaluator with admin identity policies denies removing the boundary.
    const admin: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
    };
    const decision = (action: string, resource: string, account = ACCOUNT) =>
      evaluateRequest(
        [admin],
        { action, resource, context: { 'aws:RequestedRegion': 'eu-west-1', 'aws:ResourceAccount': account } },
        { boundary: [built.document] },
      ).decision;
    expect(decision('iam:DeleteRolePermissionsBoundary', ROLE)).to.equal('explicit-deny');
    expect(decision('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`)).to.equal('explicit-deny');
    const other = 'arn:aws:dynamodb:eu-west-1:999988887777:table/orders';
    expect(decision('dynamodb:GetItem', other, '999988887777')).to.equal('implicit-deny');
    expect(decision('dynamodb:GetItem', TABLE)).to.equal('allowed');
    expect(decision('dynamodb:PutItem', TABLE)).to.equal('implicit-deny');
  });

  it('fails with an InternalError when the boundary would break a call', () => {
    const built = buildBoundary(FACTS, [ROLE], OPTIONS);
    const broken = {
      ...built,
      document: {
        ...built.document,
        Statement: built.document.Statement.filter((s) => s.Sid !== 'UsedInSeenRegions'),
      },
    };
    expect(() => proveBoundary(broken, roles, OPTIONS.policyName)).to.throw(
      InternalError,
      /needs (cloudwatch:PutMetricData|s3:GetObject)/,
    );
  });

  it('fails with an InternalError when an escalation action is not denied', () => {
    const built = buildBoundary(FACTS, [ROLE], OPTIONS);
    const weakened = {
      ...built,
      document: {
        ...built.document,
        Statement: built.document.Statement.map((s) =>
          s.Sid === 'DenyPrivilegeEscalation'
            ? { ...s, Action: (s.Action ?? []).filter((a) => a !== 'iam:CreateAccessKey') }
            : s,
        ),
      },
    };
    expect(() => proveBoundary(weakened, roles, OPTIONS.policyName)).to.throw(
      InternalError,
      /iam:CreateAccessKey/,
    );
  });

  it('fails when a role changes its own boundary (it cannot keep working under this boundary)', () => {
    const own = [...FACTS, fact('iam:PutRolePermissionsBoundary', [ROLE])];
    const proposal = {
      ...PROPOSAL,
      Statement: [
        ...PROPOSAL.Statement,
        { Effect: 'Allow' as const, Action: ['iam:PutRolePermissionsBoundary'], Resource: [ROLE] },
      ],
    };
    const built = buildBoundary(own, [ROLE], OPTIONS);
    expect(() =>
      proveBoundary(built, [{ role: ROLE, documents: [proposal], facts: own }], OPTIONS.policyName),
    ).to.throw(InternalError, /iam:PutRolePermissionsBoundary/);
  });
});

describe('boundary: partitions', () => {
  it("protects the boundary policy in the roles' own partition", () => {
    const cn = 'arn:aws-cn:iam::111122223333:role/app-role' as Arn;
    const built = buildBoundary(
      [{ ...fact('s3:GetObject', ['arn:aws-cn:s3:::b/k']), principal: cn }],
      [cn],
      OPTIONS,
    );
    const change = built.document.Statement.find((s) => s.Sid === 'DenyBoundaryPolicyChange')!;
    expect(change.Resource).to.deep.equal(['arn:aws-cn:iam::111122223333:policy/app-boundary']);
  });
});

describe('boundary: --role-pattern', () => {
  it('matches whole names case-insensitively; only * and ? are special', () => {
    const m = globMatcher('orders-*');
    expect(m('orders-api-role')).to.equal(true);
    expect(m('ORDERS-x')).to.equal(true);
    expect(m('my-orders-api')).to.equal(false);
    expect(globMatcher('a.b')('axb')).to.equal(false);
    expect(globMatcher('r?le')('role')).to.equal(true);
  });
});
