import { expect } from 'chai';
import fc from 'fast-check';
import type { ConditionBlock, PolicyDocument, Statement } from '../../src/model/policy.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';
import { mergeStatements, type MergedStatement } from '../../src/reduce/merge.ts';

// The merge rule (src/reduce/merge.ts) on statement lists where merging matters: few resource lists
// and conditions, so many statements share them; Deny, NotAction and NotResource mixed in.

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'kms:Decrypt'];
const RESOURCES = [['*'], ['arn:aws:s3:::b/*'], ['arn:aws:s3:::b/in/*', 'arn:aws:sqs:eu-west-1:1:q']];
const CONDITIONS: (ConditionBlock | undefined)[] = [
  undefined,
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
  { StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
];

const statement: fc.Arbitrary<Statement> = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
    actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
    notAction: fc.constantFrom(false, false, false, false, true),
    resources: fc.constantFrom(...RESOURCES),
    notResource: fc.constantFrom(false, false, false, false, true),
    condition: fc.constantFrom(...CONDITIONS),
  })
  .map((r) => ({
    Effect: r.effect as Statement['Effect'],
    ...(r.notAction ? { NotAction: r.actions } : { Action: r.actions }),
    ...(r.notResource ? { NotResource: r.resources } : { Resource: r.resources }),
    ...(r.condition ? { Condition: r.condition } : {}),
  }));

const probe = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom('arn:aws:s3:::b/in/x', 'arn:aws:s3:::b/out/y', 'arn:aws:sqs:eu-west-1:1:q', '*'),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
});

type Probe = { action: string; resource: string; region: string };
type Merge = (statements: readonly Statement[]) => MergedStatement[];

/** Everything the rule promises; throws (an assertion) on the first broken promise. */
function checkRule(merge: Merge, statements: Statement[], probes: Probe[]): void {
  const merged = merge(statements);
  const before: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  const after: PolicyDocument = { Version: '2012-10-17', Statement: merged.map((m) => m.statement) };
  for (const p of probes) {
    const request = { action: p.action, resource: p.resource, context: { 'aws:RequestedRegion': p.region } };
    expect(evaluateRequest([after], request).decision, JSON.stringify(p)).to.equal(
      evaluateRequest([before], request).decision,
    );
  }
  // Provenance: every input statement is in exactly one merged statement.
  expect(merged.flatMap((m) => m.from).sort((a, b) => a - b)).to.deep.equal(statements.map((_, i) => i));
  // One pass is the fixpoint.
  expect(merge(after.Statement).map((m) => m.statement)).to.deep.equal(after.Statement);
}

/** Like the rule, but blind to Condition: merges an unconditioned grant into a conditioned one. */
const ignoresCondition: Merge = (statements) =>
  mergeStatements(statements.map(({ Condition: _c, ...s }) => s)).map((m) => ({
    ...m,
    statement: statements[m.from[0]!]!.Condition
      ? { ...m.statement, Condition: statements[m.from[0]!]!.Condition! }
      : m.statement,
  }));

/** Like the rule, but also unions NotAction lists (each NotAction statement allows more then). */
const mergesNotAction: Merge = (statements) => {
  const asAction = statements.map(({ NotAction, ...s }) => (NotAction ? { ...s, Action: NotAction } : s));
  return mergeStatements(asAction).map((m) => {
    if (!m.from.some((i) => statements[i]!.NotAction)) return m;
    const { Action, ...rest } = m.statement;
    return { ...m, statement: { ...rest, NotAction: Action ?? [] } };
  });
};

const input = fc.tuple(
  fc.array(statement, { minLength: 1, maxLength: 8 }),
  fc.array(probe, { maxLength: 12 }),
);

describe('property: the merge rule (src/reduce/merge.ts)', () => {
  it('never changes a decision, keeps every statement once (provenance), and is its own fixpoint', () => {
    let merges = 0;
    fc.assert(
      fc.property(input, ([statements, probes]) => {
        checkRule(mergeStatements, statements, probes);
        merges += statements.length - mergeStatements(statements).length;
      }),
      { numRuns: 500 },
    );
    // The inputs make the rule work: a test of a rule that never merges would prove nothing.
    expect(merges).to.be.greaterThan(50);
  });

  for (const [name, broken] of [
    ['ignores Condition', ignoresCondition],
    ['unions NotAction lists', mergesNotAction],
  ] as const) {
    it(`catches a broken rule that ${name}`, () => {
      const result = fc.check(
        fc.property(input, ([statements, probes]) => checkRule(broken, statements, probes)),
        { numRuns: 500, seed: 18 },
      );
      expect(result.failed, `the check missed a rule that ${name}`).to.equal(true);
    });
  }

  it('merges Allow statements with equal resources and condition into one with the union of actions', () => {
    const s = (action: string, condition?: ConditionBlock): Statement => ({
      Sid: action.replace(/\W/g, ''),
      Effect: 'Allow',
      Action: [action],
      Resource: ['arn:aws:s3:::b/*'],
      ...(condition ? { Condition: condition } : {}),
    });
    const merged = mergeStatements([s('s3:PutObject'), s('s3:GetObject'), s('kms:Decrypt', CONDITIONS[1])]);
    expect(merged.map((m) => [m.statement.Action, m.from])).to.deep.equal([
      [['kms:Decrypt'], [2]],
      [
        ['s3:GetObject', 's3:PutObject'],
        [0, 1],
      ],
    ]);
    // Alone: kept as it was; merged: the Sid of its content.
    expect(merged[0]!.statement.Sid).to.equal('kmsDecrypt');
    expect(merged[1]!.statement.Sid).to.match(/^S3[0-9A-Z]{7}$/);
  });
});
