import { expect } from 'chai';
import fc from 'fast-check';
import { patternCovers } from '../../../src/policy/pattern-cover.ts';
import { matchesPattern } from '../../../src/policy/wildcard.ts';

const ARN = { caseInsensitive: false, variables: {} };
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod-??????';

/** Every string over {a, b} up to `max` characters. */
function strings(max: number): string[] {
  const out = [''];
  for (let n = 1; n <= max; n++)
    for (const s of out.filter((x) => x.length === n - 1)) out.push(`${s}a`, `${s}b`);
  return out;
}
// A shortest common string of two 5-token patterns has at most 10 characters.
const ALL = strings(10);

describe('policy/pattern-cover: a policy pattern against a value known only as a pattern', () => {
  it('a secret seen by name: its full ARN is unknown, prod-* covers it, another secret misses it', () => {
    expect(patternCovers(SECRET.replace('??????', 'AbCdEf'), SECRET, ARN)).to.equal('unknown');
    expect(patternCovers(SECRET.replace('??????', '*'), SECRET, ARN)).to.equal('match');
    expect(patternCovers(SECRET, SECRET, ARN)).to.equal('match');
    expect(patternCovers(SECRET.replace('prod-??????', 'dev-*'), SECRET, ARN)).to.equal('no-match');
    // Too short to be the 6-character suffix: no instance can match.
    expect(patternCovers(SECRET.replace('??????', 'AbC'), SECRET, ARN)).to.equal('no-match');
    expect(patternCovers('*', SECRET, ARN)).to.equal('match');
  });

  it('escaped characters in the value are literal; a concrete value is matched as usual', () => {
    expect(patternCovers('arn:aws:s3:::b/a?', 'arn:aws:s3:::b/a${*}', ARN)).to.equal('match');
    expect(patternCovers('arn:aws:s3:::b/ab', 'arn:aws:s3:::b/a${*}', ARN)).to.equal('no-match');
    expect(patternCovers('arn:aws:s3:::b/?', 'arn:aws:s3:::b/*', ARN)).to.equal('unknown');
    // A common string exists (aaabbaa), longer than either pattern.
    expect(patternCovers('aaa*', '*bbaa', ARN)).to.equal('unknown');
  });

  it('agrees with the matcher on every value the pattern stands for (exhaustive over short strings, fast-check)', () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,5}$/);
    fc.assert(
      fc.property(pattern, pattern, (p, v) => {
        const verdict = patternCovers(p, v, ARN);
        const instances = ALL.filter((s) => matchesPattern(v, s, ARN) === 'match');
        const matched = instances.filter((s) => matchesPattern(p, s, ARN) === 'match');
        // 'match' must hold for every instance (up to 10 characters), 'no-match' for none; 'unknown'
        // needs a common string, and one exists within 10 characters if at all.
        if (verdict === 'match') expect(matched.length, `${p} ${v}`).to.equal(instances.length);
        if (verdict === 'no-match') expect(matched.length, `${p} ${v}`).to.equal(0);
        if (verdict === 'unknown') expect(matched.length, `${p} ${v}`).to.be.greaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
