import { expect } from 'chai';
import fc from 'fast-check';
import { shareFiles } from '../../src/app/parallel-ingest.ts';
import { functionRoleFromRecord, LearnedFunctionRoles } from '../../src/ingest/function-roles.ts';

// The per-record shortcuts of the ingest loop (issue 18) against the plain code they stand in for:
// the same records must leave the same state, whatever their order and repetitions.

const ROLES = [
  'arn:aws:iam::111122223333:role/orders-role',
  'arn:aws:iam::111122223333:role/service/billing-role',
  'arn:aws:iam::444455556666:role/orders-role',
  'not-a-role-arn',
];
const PRINCIPAL_IDS = [
  'AROAEXAMPLE1:orders',
  'AROAEXAMPLE1:billing',
  'AROAEXAMPLE2:orders',
  'AROAEXAMPLE3',
  'X:bad name',
];
const REGIONS = ['eu-west-1', 'us-east-1', 'moon-1', undefined];
const AGENTS = ['aws-sdk-js/3 exec-env/AWS_Lambda_nodejs20.x', 'aws-cli/2', undefined];

const record = fc
  .record({
    type: fc.constantFrom('AssumedRole', 'AssumedRole', 'AWSService', 'IAMUser'),
    principalId: fc.constantFrom(...PRINCIPAL_IDS),
    role: fc.constantFrom(...ROLES),
    region: fc.constantFrom(...REGIONS),
    userAgent: fc.constantFrom(...AGENTS),
    assume: fc.boolean(),
  })
  .map(({ type, principalId, role, region, userAgent, assume }) => ({
    userIdentity: {
      type,
      principalId,
      ...(type === 'AWSService' ? { invokedBy: 'lambda.amazonaws.com' } : {}),
      sessionContext: { sessionIssuer: { type: 'Role', arn: role } },
    },
    ...(region ? { awsRegion: region } : {}),
    ...(userAgent ? { userAgent } : {}),
    ...(type === 'AWSService' && assume
      ? {
          eventSource: 'sts.amazonaws.com',
          eventName: 'AssumeRole',
          requestParameters: { roleArn: role, roleSessionName: principalId.split(':')[1] ?? 'x' },
        }
      : {}),
  }));

describe('property: ingest shortcuts leave the state the plain code leaves', () => {
  it('LearnedFunctionRoles.learn (known-session shortcut) == add(functionRoleFromRecord(record))', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (records, max) => {
        const fast = new LearnedFunctionRoles(max);
        const plain = new LearnedFunctionRoles(max);
        for (const r of records) {
          fast.learn(r);
          const pair = functionRoleFromRecord(r);
          if (pair) plain.add(pair);
        }
        expect(fast.pairs()).to.deep.equal(plain.pairs());
      }),
      { numRuns: 400 },
    );
  });
});

describe('property: shareFiles deals every file once, by bytes', () => {
  it("each file in exactly one share, in the files' order; no share exceeds the least loaded by more than the largest file", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 5000 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (sizes, jobs) => {
          const files = sizes.map((_, i) => `f${i}`);
          const shares = shareFiles(files, sizes, jobs);
          expect(shares.flat().sort()).to.deep.equal([...files].sort());
          expect(shares.length).to.equal(Math.max(1, Math.min(jobs, files.length)));
          const load = shares.map((share) => share.reduce((sum, f) => sum + sizes[Number(f.slice(1))]!, 0));
          const largest = Math.max(0, ...sizes);
          expect(Math.max(...load) - Math.min(...load)).to.be.at.most(largest);
          expect(shareFiles(files, sizes, jobs)).to.deep.equal(shares);
          // Each share keeps the files' own order (threads do not all start on their largest file).
          for (const share of shares) {
            const at = share.map((f) => Number(f.slice(1)));
            expect(at).to.deep.equal([...at].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
