import { expect } from 'chai';
import { compareRole, type CompareInput } from '../../../src/diff/compare.ts';
import type { CurrentPolicies } from '../../../src/current/types.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { fact, fakeIndex, policy, ROLE } from './fake-index.ts';

const OBJECT = 'arn:aws:s3:::bucket/key';
const current = (docs: PolicyDocument[], boundary: PolicyDocument[] = []): CurrentPolicies => ({
  policies: docs.map((document, i) => ({ name: `p${i}`, kind: 'document', origin: 'test', document })),
  boundary: boundary.map((document) => ({ name: 'b', kind: 'boundary', origin: 'test', document })),
  notes: [],
});
const proposal = policy({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [OBJECT] });
const run = (over: Partial<CompareInput>) =>
  compareRole({
    role: ROLE,
    current: current([]),
    proposed: [proposal],
    facts: [fact('s3:GetObject', [OBJECT])],
    index: fakeIndex(),
    ...over,
  });

describe('diff/compare: one role, current policies against the proposal and the evidence', () => {
  it('finds nothing to change when the current policy is the proposal', () => {
    const diff = run({ current: current([proposal]) });
    expect(diff.changed).to.equal(false);
    expect([diff.unused, diff.narrowing, diff.notGranted]).to.deep.equal([[], [], []]);
    expect(diff.summary.before).to.deep.equal(diff.summary.after);
    expect(diff.used).to.deep.equal([
      { action: 's3:GetObject', accessLevel: 'Read', calls: 1, current: 'allowed' },
    ]);
  });

  it('reports s3:* on "*" as unused groups by level and scope, a narrowing, and the reduction', () => {
    const diff = run({ current: current([policy({ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] })]) });
    expect(diff.changed).to.equal(true);
    expect(diff.unused.map((g) => [g.service, g.accessLevel, g.scope, g.actions])).to.deep.equal([
      ['s3', 'List', '*', ['s3:ListBucket']],
      ['s3', 'Permissions management', '*', ['s3:PutBucketPolicy']],
      ['s3', 'Tagging', '*', ['s3:TagResource']],
      ['s3', 'Write', '*', ['s3:PutObject']],
    ]);
    expect(diff.narrowing).to.deep.equal([{ actions: ['s3:GetObject'], before: ['*'], after: [OBJECT] }]);
    expect(diff.summary.before).to.deep.equal({ actions: 5, onStar: 5 });
    expect(diff.summary.after).to.deep.equal({ actions: 1, onStar: 0 });
    const risks = Object.fromEntries(diff.summary.risks.map((r) => [r.risk, [r.before, r.after]]));
    expect(risks).to.deep.equal({
      'pass-role-star': [0, 0],
      'assume-role-star': [0, 0],
      'iam-write': [0, 0],
      'permissions-management': [1, 0],
      'write-star': [1, 0],
    });
  });

  it('counts high-risk IAM and STS grants on "*"', () => {
    const diff = run({
      current: current([
        policy({ Effect: 'Allow', Action: ['iam:*', 'sts:AssumeRole', 's3:GetObject'], Resource: ['*'] }),
      ]),
    });
    const risks = Object.fromEntries(diff.summary.risks.map((r) => [r.risk, r.before]));
    expect(risks).to.deep.equal({
      'pass-role-star': 1,
      'assume-role-star': 1,
      'iam-write': 3,
      'permissions-management': 1,
      'write-star': 3,
    });
  });

  it('subtracts actions an unconditional Deny on "*" removes, not conditional or scoped ones', () => {
    const allowAll = { Effect: 'Allow' as const, Action: ['*'], Resource: ['*'] };
    const denyIam = { Effect: 'Deny' as const, Action: ['iam:*'], Resource: ['*'] };
    expect(run({ current: current([policy(allowAll, denyIam)]) }).summary.before.actions).to.equal(7);
    const conditional = { ...denyIam, Condition: { Bool: { 'aws:SecureTransport': ['false'] } } };
    expect(run({ current: current([policy(allowAll, conditional)]) }).summary.before.actions).to.equal(11);
    const scoped = { ...denyIam, Resource: ['arn:aws:iam::123456789012:role/x'] };
    expect(run({ current: current([policy(allowAll, scoped)]) }).summary.before.actions).to.equal(11);
  });

  it('expands NotAction and intersects with a permissions boundary', () => {
    const notIam = policy({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] });
    expect(run({ current: current([notIam]) }).summary.before.actions).to.equal(7);
    const boundary = policy({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: ['*'] });
    const diff = run({ current: current([notIam], [boundary]) });
    expect(diff.summary.before).to.deep.equal({ actions: 2, onStar: 2 });
    expect(diff.current.policies.map((p) => p.kind)).to.deep.equal(['document', 'boundary']);
  });

  it('lists calls the current policies would refuse, with the exact decision', () => {
    const facts = [
      fact('s3:GetObject', [OBJECT]),
      fact('s3:PutObject', [OBJECT], { count: 3 }),
      fact('s3:ListBucket', ['arn:aws:s3:::bucket']),
      fact('iam:PassRole', ['arn:aws:iam::123456789012:role/x']),
      fact('s3:PutBucketPolicy', ['arn:aws:s3:::bucket'], { outcome: 'denied', count: 2 }),
      fact('sts:AssumeRole', ['arn:aws:iam::123456789012:role/y'], { outcome: 'failed' }),
    ];
    const docs = [
      policy(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutBucketPolicy'], Resource: ['*'] },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: ['*'],
          Condition: { StringEquals: { 'aws:SourceVpce': ['vpce-1'] } },
        },
        { Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] },
        { Effect: 'Deny', Action: ['iam:PassRole'], Resource: ['*'] },
      ),
    ];
    const diff = run({ current: current(docs), facts });
    expect(diff.notGranted.map((n) => [n.action, n.outcome, n.calls, n.current])).to.deep.equal([
      ['iam:PassRole', 'allowed', 1, 'explicit-deny'],
      ['s3:ListBucket', 'allowed', 1, 'conditional'],
      ['s3:PutBucketPolicy', 'denied', 2, 'allowed'],
      ['s3:PutObject', 'allowed', 3, 'implicit-deny'],
      // Authorized, then failed: the permission is needed, and the current policies lack it.
      ['sts:AssumeRole', 'failed', 1, 'implicit-deny'],
    ]);
    expect(diff.used.find((u) => u.action === 's3:PutObject')).to.deep.equal({
      action: 's3:PutObject',
      accessLevel: 'Write',
      calls: 3,
      current: 'implicit-deny',
    });
    expect(diff.changed).to.equal(true);
  });

  it("ignores other principals' facts", () => {
    const other = fact('s3:PutObject', [OBJECT], { principal: 'arn:aws:iam::123456789012:role/other' });
    const diff = run({ current: current([proposal]), facts: [fact('s3:GetObject', [OBJECT]), other] });
    expect(diff.notGranted).to.deep.equal([]);
    expect(diff.used.map((u) => u.action)).to.deep.equal(['s3:GetObject']);
  });

  describe('verdicts from the evaluator, unknown when the evidence cannot tell (#19.9)', () => {
    const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod';
    const secretFact = fact('secretsmanager:GetSecretValue', [`${SECRET}-??????`]);
    const grant = (Resource: string[]) =>
      current([policy({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource })]);

    it("a secret's full ARN is unknown, not 'not granted'; prod-* is allowed; another secret is not", () => {
      const full = run({ current: grant([`${SECRET}-AbCdEf`]), facts: [secretFact] });
      expect(full.notGranted.map((n) => [n.resource, n.current, n.resourcePattern])).to.deep.equal([
        [`${SECRET}-??????`, 'conditional', true],
      ]);
      expect(full.used[0]).to.include({ current: 'conditional' });
      const star = run({ current: grant([`${SECRET}-*`]), facts: [secretFact] });
      expect(star.notGranted).to.deep.equal([]);
      expect(star.used[0]).to.include({ current: 'allowed' });
      const other = run({ current: grant([`${SECRET}-other-AbCdEf`]), facts: [secretFact] });
      expect(other.notGranted.map((n) => n.current)).to.deep.equal(['implicit-deny']);
    });

    it('a statement with no Resource grants nothing, as the evaluator decides', () => {
      const doc = policy({ Effect: 'Allow', Action: ['*'] });
      const diff = run({ current: current([doc]) });
      expect(diff.summary.before).to.deep.equal({ actions: 0, onStar: 0 });
      expect(diff.unused).to.deep.equal([]);
      expect(diff.notGranted.map((n) => n.current)).to.deep.equal(['implicit-deny']);
    });
  });
});
