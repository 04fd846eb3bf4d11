import { expect } from 'chai';
import fc from 'fast-check';
import { matchesPattern, type MatchOptions } from '../../../src/policy/wildcard.ts';

const ARN: MatchOptions = { caseInsensitive: false, variables: {} };

/**
 * Reference: the pattern turned into a list of matchers, matched by plain recursion (exponential, fine
 * for short strings). Escapes only, no variables.
 */
function reference(pattern: string, value: string): boolean {
  const tokens: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const escape = /^\$\{([*?$])\}/.exec(pattern.slice(i));
    if (escape) {
      tokens.push(`=${escape[1]}`);
      i += 3;
    } else tokens.push(pattern[i] === '*' || pattern[i] === '?' ? pattern[i]! : `=${pattern[i]}`);
  }
  const go = (t: number, v: number): boolean => {
    if (t === tokens.length) return v === value.length;
    const tok = tokens[t]!;
    if (tok === '*') return go(t + 1, v) || (v < value.length && go(t, v + 1));
    if (v === value.length) return false;
    return (tok === '?' || tok.slice(1) === value[v]) && go(t + 1, v + 1);
  };
  return go(0, 0);
}

describe('matchesPattern', () => {
  const table: [string, string, MatchOptions, string][] = [
    ['*', '', ARN, 'match'],
    ['a*', 'a', ARN, 'match'],
    ['a*c', 'abbbc', ARN, 'match'],
    ['a*c', 'abbbd', ARN, 'no-match'],
    ['a?c', 'abc', ARN, 'match'],
    ['a?c', 'ac', ARN, 'no-match'],
    ['a*b*c', 'aXbYbZc', ARN, 'match'],
    ['ABC', 'abc', ARN, 'no-match'],
    ['s3:get*', 's3:GetObject', { caseInsensitive: true }, 'match'],
    ['a${*}', 'a*', ARN, 'match'],
    ['a${*}', 'ab', ARN, 'no-match'],
    ['a${?}', 'a?', ARN, 'match'],
    ['a${?}', 'ab', ARN, 'no-match'],
    ['${$}', '$', ARN, 'match'],
    ['$', '$', ARN, 'match'],
    ['${', '${', ARN, 'match'],
    ['a${x', 'a${x', ARN, 'match'],
    [
      'home/${aws:username}/*',
      'home/alice/x',
      { caseInsensitive: false, variables: { 'aws:username': 'alice' } },
      'match',
    ],
    [
      'home/${aws:username}/*',
      'home/bob/x',
      { caseInsensitive: false, variables: { 'aws:username': 'alice' } },
      'no-match',
    ],
    ['home/${aws:username}/*', 'home/alice/x', { caseInsensitive: false }, 'unknown'],
    ['home/${aws:username}/*', 'home/alice/x', { caseInsensitive: false, variables: {} }, 'unknown'],
    [
      'home/${aws:username}/*',
      'home/alice/x',
      { caseInsensitive: false, variables: { 'aws:username': [] } },
      'no-match',
    ],
    ["home/${aws:username, 'x'}", 'home/x', { caseInsensitive: false, variables: {} }, 'match'],
    ["home/${ aws:username ,'x' }", 'home/x', { caseInsensitive: false, variables: {} }, 'match'],
    [
      "home/${aws:username, 'x'}",
      'home/y',
      { caseInsensitive: false, variables: { 'aws:username': 'y' } },
      'match',
    ],
    ['home/${aws:username, x}', 'home/x', { caseInsensitive: false, variables: {} }, 'no-match'],
    [
      'home/${AWS:USERNAME}',
      'home/a',
      { caseInsensitive: false, variables: { 'aws:username': 'a' } },
      'match',
    ],
    [
      'home/${aws:username}',
      'home/*',
      { caseInsensitive: false, variables: { 'aws:username': '*' } },
      'match',
    ],
    [
      'home/${aws:username}',
      'home/ab',
      { caseInsensitive: false, variables: { 'aws:username': '*' } },
      'no-match',
    ],
    ['home/${aws:username}', 'home/${aws:username}', { caseInsensitive: false, substitute: false }, 'match'],
    ['a${*}', 'a${*}', { caseInsensitive: false, substitute: false }, 'match'],
    ['é?', 'éß', ARN, 'match'],
    ['?', '😀', ARN, 'match'],
  ];
  for (const [pattern, value, options, expected] of table) {
    it(`${JSON.stringify(pattern)} vs ${JSON.stringify(value)}${options.variables ? ` with ${JSON.stringify(options.variables)}` : ''}${options.substitute === false ? ' (no substitution)' : ''} -> ${expected}`, () => {
      expect(matchesPattern(pattern, value, options)).to.equal(expected);
    });
  }

  it('stays fast on patterns that make backtracking regexes explode', () => {
    const pattern = `${'*a'.repeat(2000)}b`;
    const value = 'a'.repeat(5000);
    const start = performance.now();
    expect(matchesPattern(pattern, value, ARN)).to.equal('no-match');
    expect(performance.now() - start).to.be.lessThan(2000);
  });

  it('agrees with a reference matcher on random short strings (property)', () => {
    const piece = fc.constantFrom('a', 'b', '*', '?', '$', '{', '}', '${*}', '${?}', '${$}');
    const pattern = fc.array(piece, { maxLength: 7 }).map((parts) => parts.join(''));
    const value = fc
      .array(fc.constantFrom('a', 'b', '*', '?', '$', '{', '}'), { maxLength: 8 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        // `${` not followed by one of the escapes would be read as a variable: keep those out of the reference.
        fc.pre(!/\$\{(?![*?$]\})/.test(p));
        const expected = reference(p, v) ? 'match' : 'no-match';
        expect(matchesPattern(p, v, ARN)).to.equal(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches a value against itself when the value has no special characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        fc.pre(!/[*?$]/.test(s));
        expect(matchesPattern(s, s, ARN)).to.equal('match');
        expect(matchesPattern(s.toUpperCase(), s.toLowerCase(), { caseInsensitive: true })).to.equal('match');
      }),
    );
  });
});
