import { expect } from 'chai';
import fc from 'fast-check';
import type { PolicyDocument, Statement } from '../../src/model/policy.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';
import { PatternIndex } from '../../src/policy/pattern-index.ts';
import { matchResourceList } from '../../src/policy/pattern-list.ts';
import { compilePattern, matchesPattern, type MatchResult } from '../../src/policy/wildcard.ts';
import { dropSubsumed } from '../../src/reduce/subsumed.ts';

// Small alphabet so patterns often cover one another; escapes, variables and non-BMP text included.
const piece = fc.constantFrom(
  'a',
  'b',
  '/',
  '*',
  '?',
  '${*}',
  '${?}',
  '${$}',
  '$',
  '${aws:username}',
  "${k, 'a'}",
  '${',
  '😀',
  'ab',
);
const pattern = fc.array(piece, { maxLength: 6 }).map((p) => `arn:x:${p.join('')}`);
const value = fc
  .array(fc.constantFrom('a', 'b', '/', '*', '?', '$', '{', '}', '😀'), { maxLength: 7 })
  .map((v) => `arn:x:${v.join('')}`);
const context = fc.option(
  fc.record({ 'aws:username': fc.array(fc.constantFrom('a', 'b*', ''), { maxLength: 2 }) }),
  {
    nil: undefined,
  },
);

/** The all-pairs rule the index replaced (issue #19.5), kept as the reference. */
function dropSubsumedByPairs(patterns: string[]): string[] {
  return patterns.filter((p) => !patterns.some((q) => q !== p && covers(q, p) && !(covers(p, q) && p < q)));
}
function covers(q: string, p: string): boolean {
  if (p.includes('${')) return false;
  const pIsConcrete = !/[*?]/.test(p);
  if (!pIsConcrete && q.replace(/\$\{[*?$]\}/g, '').includes('?')) return false;
  return matchesPattern(q, p, { caseInsensitive: false }) === 'match';
}

function scan(
  patterns: string[],
  v: string,
  variables: Record<string, string[]>,
  substitute: boolean,
): MatchResult {
  const results = patterns.map((p) =>
    matchesPattern(p, v, { caseInsensitive: false, variables, substitute }),
  );
  return results.includes('match') ? 'match' : results.includes('unknown') ? 'unknown' : 'no-match';
}

describe('pattern index (property)', () => {
  it('offers every pattern that matches a value', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 20 }), fc.oneof(value, pattern), (patterns, v) => {
        const index = new PatternIndex<string>();
        for (const p of patterns) {
          const c = compilePattern(p, {});
          if (c.kind === 'tokens') index.add(c.tokens, p);
        }
        const offered = new Set(index.candidates(v));
        for (const p of patterns) {
          if (matchesPattern(p, v, { caseInsensitive: false }) === 'match')
            expect(offered.has(p), p).to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('drops the same subsumed patterns as the all-pairs rule', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(pattern, value), { maxLength: 24 }), (list) => {
        const sorted = [...list].sort();
        expect(dropSubsumed(sorted)).to.deep.equal(dropSubsumedByPairs(sorted));
      }),
      { numRuns: 500 },
    );
  });

  it('decides a long resource list as a scan of every pattern does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pattern, value), { minLength: 16, maxLength: 40 }),
        // Values with pattern text too: with substitute false, `${$}` in a value is those 4 characters.
        fc.oneof(value, pattern),
        context,
        fc.boolean(),
        (patterns, v, vars, substitute) => {
          const variables = vars ?? {};
          expect(matchResourceList(patterns, v, variables, substitute)).to.equal(
            scan(patterns, v, variables, substitute),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('statement index (property)', () => {
  const actionPattern = fc.constantFrom(
    's3:GetObject',
    's3:get*',
    'S3:*Object',
    '*',
    's3:?etObject',
    'dynamodb:GetItem',
    'İ:*',
    'k:x',
  );
  const statement = fc.record({
    Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
    not: fc.boolean(),
    Resource: fc.array(
      fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/k', 'arn:aws:dynamodb:*:*:table/t'),
      {
        minLength: 1,
        maxLength: 2,
      },
    ),
  });
  const action = fc.constantFrom(
    's3:GetObject',
    'S3:GETOBJECT',
    'dynamodb:GetItem',
    'i̇:x',
    'K:X',
    'sqs:SendMessage',
  );

  it('a long policy decides every request as the same statements split into short policies do', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 32, maxLength: 70 }),
        action,
        fc.constantFrom('arn:aws:s3:::b/k', 'arn:aws:dynamodb:eu-west-1:1:table/t'),
        (list, act, resource) => {
          const statements: Statement[] = list.map((s, i) => ({
            Sid: `S${i}`,
            Effect: s.Effect,
            ...(s.not ? { NotAction: s.actions } : { Action: s.actions }),
            Resource: s.Resource,
          }));
          const long: PolicyDocument = { Version: '2012-10-17', Statement: statements };
          const short: PolicyDocument[] = [];
          for (let i = 0; i < statements.length; i += 10)
            short.push({ Version: '2012-10-17', Statement: statements.slice(i, i + 10) });
          const request = { action: act, resource };
          const a = evaluateRequest([long], request);
          const b = evaluateRequest(short, request);
          expect(a.decision).to.equal(b.decision);
          expect(a.matchedAllow.map((r) => r.sid)).to.deep.equal(b.matchedAllow.map((r) => r.sid));
          expect(a.matchedDeny.map((r) => r.sid)).to.deep.equal(b.matchedDeny.map((r) => r.sid));
        },
      ),
      { numRuns: 300 },
    );
  });
});
