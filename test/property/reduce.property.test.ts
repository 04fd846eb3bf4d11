import { expect } from 'chai';
import fc from 'fast-check';
import { unescapeIamValue } from '../../src/catalog/arn-template.ts';
import { catalogSplitter } from '../../src/catalog/resource-split.ts';
import { FactStore } from '../../src/facts/fact-store.ts';
import type { Fact } from '../../src/model/fact.ts';
import type { IamAction } from '../../src/model/identifiers.ts';
import type { Observation } from '../../src/model/observation.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';
import { mergeStatements } from '../../src/reduce/merge.ts';
import { volatileMasker } from '../../src/reduce/generalize.ts';
import { DEFAULT_REDUCE_OPTIONS, selectsFact, type ReduceOptions } from '../../src/reduce/options.ts';
import { reducePrincipal } from '../../src/reduce/reduce.ts';
import { realCatalog } from '../support/catalog.ts';

const ROLE = 'arn:aws:iam::123456789012:role/r' as const;
const ACTIONS: IamAction[] = [
  's3:GetObject',
  's3:PutObject',
  'dynamodb:GetItem',
  'logs:CreateLogStream',
  'sqs:SendMessage',
  'cloudwatch:PutMetricData',
];
const segment = fc.oneof(
  fc.constantFrom(
    'receipts',
    'incoming',
    '2026',
    '11',
    '20',
    'r-1001.pdf',
    '[$LATEST]',
    'a*b',
    'x?y',
    '${aws:username}',
  ),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const key = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const escape = (v: string) => v.replace(/[*?$]/g, (c) => `\${${c}}`);

function resourceFor(action: IamAction, k: string): string[] | '*' {
  if (action.startsWith('s3:')) return [`arn:aws:s3:::bucket-a/${escape(k)}`];
  if (action === 'logs:CreateLogStream')
    return [`arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f:log-stream:${escape(k)}`];
  if (action === 'dynamodb:GetItem')
    return [`arn:aws:dynamodb:eu-west-1:123456789012:table/${escape(k.replace(/\//g, '-'))}`];
  if (action === 'sqs:SendMessage')
    return [`arn:aws:sqs:eu-west-1:123456789012:q-${escape(k.replace(/[/:]/g, '-'))}`];
  return '*';
}

const observation = fc
  .record({
    action: fc.constantFrom(...ACTIONS),
    key,
    region: fc.constantFrom('eu-west-1', 'us-east-1'),
    vpce: fc.option(fc.constantFrom('vpce-0a1b2c3d4e5f67890', 'vpce-11111111'), { nil: undefined }),
    outcome: fc.constantFrom('allowed', 'allowed', 'allowed', 'denied', 'failed', 'unknown'),
    day: fc.integer({ min: 10, max: 28 }),
  })
  .map((o): Observation => ({
    principal: ROLE,
    action: o.action,
    resources: resourceFor(o.action, o.key) as Observation['resources'],
    context: { 'aws:RequestedRegion': o.region, ...(o.vpce ? { 'aws:SourceVpce': o.vpce } : {}) },
    outcome: o.outcome as Observation['outcome'],
    source: 'cloudtrail',
    time: `2026-11-${o.day}T10:00:00.000Z`,
    origin: {},
  }));

const options = fc
  .record({
    generalize: fc.constantFrom('none', 'safe', 'aggressive'),
    collapseThreshold: fc.integer({ min: 1, max: 6 }),
    conditions: fc.boolean(),
  })
  .map((o): ReduceOptions => ({ ...DEFAULT_REDUCE_OPTIONS, ...o }) as ReduceOptions);

function factsOf(observations: Observation[]): Fact[] {
  const store = new FactStore();
  observations.forEach((o) => store.add(o));
  return store.facts();
}

describe('property: reduce', () => {
  let split: ReturnType<typeof catalogSplitter>;
  let splitAggressive: ReturnType<typeof catalogSplitter>;
  before(async () => {
    const catalog = await realCatalog('s3', 'logs', 'dynamodb', 'sqs', 'cloudwatch');
    split = catalogSplitter(catalog, 'safe');
    splitAggressive = catalogSplitter(catalog, 'aggressive');
  });
  const splitterFor = (o: ReduceOptions) => (o.generalize === 'aggressive' ? splitAggressive : split);

  it('is sound: every selected fact (successful or failed after authorization) is allowed, and only observed actions appear', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 40 }), options, (obs, opts) => {
        const facts = factsOf(obs);
        if (!facts.some((f) => selectsFact(opts, f))) return;
        const { policy } = reducePrincipal(ROLE, facts, opts, splitterFor(opts));
        for (const f of facts.filter((x) => selectsFact(opts, x))) {
          for (const r of f.resources === '*' ? ['*'] : f.resources) {
            expect(
              evaluateRequest([policy], {
                action: f.action,
                resource: unescapeIamValue(r),
                context: f.context,
              }).decision,
            ).to.equal('allowed');
          }
        }
        const allowed = new Set(facts.filter((x) => selectsFact(opts, x)).map((x) => x.action));
        for (const s of policy.Statement)
          for (const a of s.Action ?? []) expect(allowed.has(a as IamAction)).to.equal(true);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic under shuffled input', () => {
    fc.assert(
      fc.property(
        fc.array(observation, { minLength: 1, maxLength: 30 }),
        fc.integer(),
        options,
        (obs, seed, opts) => {
          const facts = factsOf(obs);
          if (!facts.some((f) => selectsFact(opts, f))) return;
          const shuffled = [...obs].sort(
            (a, b) =>
              ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 17 + seed) % 7),
          );
          const a = reducePrincipal(ROLE, facts, opts, splitterFor(opts)).policy;
          const b = reducePrincipal(ROLE, factsOf(shuffled), opts, splitterFor(opts)).policy;
          expect(JSON.stringify(b)).to.equal(JSON.stringify(a));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is idempotent: reducing the same facts twice gives the same policy', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 30 }), options, (obs, opts) => {
        const facts = factsOf(obs);
        if (!facts.some((f) => selectsFact(opts, f))) return;
        const once = reducePrincipal(ROLE, facts, opts, splitterFor(opts)).policy;
        const twice = reducePrincipal(ROLE, factsOf([...obs, ...obs]), opts, splitterFor(opts)).policy;
        expect(JSON.stringify(twice)).to.equal(JSON.stringify(once));
      }),
      { numRuns: 100 },
    );
  });

  it('masking per-request identifiers at ingest gives the same policy and explanation', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 40 }), options, (obs, opts) => {
        if (opts.generalize === 'none') return;
        const exact = factsOf(obs);
        if (!exact.some((f) => selectsFact(opts, f))) return;
        const store = new FactStore(
          undefined,
          volatileMasker(splitterFor(opts), opts.generalize === 'aggressive' ? 'aggressive' : 'safe'),
        );
        obs.forEach((o) => store.add(o));
        const masked = store.facts();
        expect(masked.length).to.be.at.most(exact.length);
        const a = reducePrincipal(ROLE, exact, opts, splitterFor(opts));
        const b = reducePrincipal(ROLE, masked, opts, splitterFor(opts));
        expect(JSON.stringify(b.policy)).to.equal(JSON.stringify(a.policy));
        expect(b.explain).to.deep.equal(a.explain);
      }),
      { numRuns: 200 },
    );
  });

  it("states the merge rule's fixpoint: merging its statements again changes nothing (they are maximal)", () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 30 }), options, (obs, opts) => {
        // Each S3 call twinned with the other S3 action on the same object: statements that must merge.
        const twin = (a: IamAction): IamAction => (a === 's3:GetObject' ? 's3:PutObject' : 's3:GetObject');
        const twinned = obs.flatMap((o) =>
          o.action.startsWith('s3:') ? [o, { ...o, action: twin(o.action) }] : [o],
        );
        const facts = factsOf(twinned);
        if (!facts.some((f) => selectsFact(opts, f))) return;
        const { policy, explain } = reducePrincipal(ROLE, facts, opts, splitterFor(opts));
        const again = mergeStatements(policy.Statement);
        expect(again.map((m) => m.statement)).to.deep.equal(policy.Statement);
        expect(explain.map((e) => e.sid)).to.deep.equal(policy.Statement.map((s) => s.Sid));
      }),
      { numRuns: 100 },
    );
  });
});
