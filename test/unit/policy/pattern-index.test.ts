import { expect } from 'chai';
import { PatternIndex } from '../../../src/policy/pattern-index.ts';
import { matchResourceList } from '../../../src/policy/pattern-list.ts';
import { compilePattern, literalPattern } from '../../../src/policy/wildcard.ts';

const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/t-';

function indexOf(patterns: string[]): PatternIndex<string> {
  const index = new PatternIndex<string>();
  for (const p of patterns) {
    const c = compilePattern(p, {});
    if (c.kind === 'tokens') index.add(c.tokens, p);
  }
  return index;
}

describe('pattern index', () => {
  // Issue #19.5: the work per look-up must not grow with the number of patterns (counted, not timed).
  it('offers one candidate per distinct table among 20k tables and wildcard patterns', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => i.toString(36));
    const patterns = [...names.map((n) => `${TABLE}${n}`), ...names.map((n) => `${TABLE}${n}/index/*`)];
    const index = indexOf(patterns);
    expect(index.size).to.equal(20_000);
    let offered = 0;
    for (const n of names) offered += index.candidates(`${TABLE}${n}`).length;
    for (const n of names) offered += index.candidates(`${TABLE}${n}/index/by-day`).length;
    expect(offered).to.equal(20_000);
  });

  // A superset: `a?` fits `abz` by prefix and suffix; the matcher then says no.
  it('offers a pattern only when its literal prefix and suffix fit the value', () => {
    const index = indexOf(['a*z', 'a?', 'ab*', '*', 'abc', 'b*c']);
    expect(index.candidates('abz').sort()).to.deep.equal(['*', 'a*z', 'a?', 'ab*']);
    expect(index.candidates('abc').sort()).to.deep.equal(['*', 'a?', 'ab*', 'abc']);
    expect(index.candidates('az').sort()).to.deep.equal(['*', 'a*z', 'a?']);
    expect(index.candidates('z')).to.deep.equal(['*']);
  });

  it('reads escapes as the characters they stand for, and keeps variables out of the literal form', () => {
    expect(literalPattern('a${$}b${*}')).to.equal('a$b*');
    expect(literalPattern('a*')).to.equal(undefined);
    expect(literalPattern('${aws:username}')).to.equal(undefined);
    expect(literalPattern("${k, 'd'}")).to.equal(undefined);
    expect(literalPattern('$${$}')).to.equal('$$');
  });

  it('answers unknown for a long list only when no pattern matches and a variable is missing', () => {
    const tables = Array.from({ length: 20 }, (_, i) => `${TABLE}${i}`);
    const withVariable = [...tables, `${TABLE}\${aws:username}`];
    expect(matchResourceList(withVariable, `${TABLE}3`, {}, true)).to.equal('match');
    expect(matchResourceList(withVariable, `${TABLE}bob`, {}, true)).to.equal('unknown');
    expect(matchResourceList(withVariable, `${TABLE}bob`, { 'aws:username': ['bob'] }, true)).to.equal(
      'match',
    );
    expect(matchResourceList(withVariable, `${TABLE}\${aws:username}`, {}, false)).to.equal('match');
    expect(matchResourceList(tables, `${TABLE}x`, {}, true)).to.equal('no-match');
  });
});
