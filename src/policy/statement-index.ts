/**
 * Which statements of a long policy may apply to an action: those whose Action list has a pattern
 * that could match it (see {@link PatternIndex}, on lower-cased text: actions match without case),
 * plus every statement without an Action list (NotAction, or malformed), which is always tried.
 * The rest cannot match the action, so skipping them changes no decision; a 20k-statement
 * `--current` is then evaluated per request in look-ups, not a scan (issue #19.10).
 */
import type { Statement } from '../model/policy.ts';
import { PatternIndex } from './pattern-index.ts';
import { compilePattern, type Token } from './wildcard.ts';

/** Shorter policies are scanned. */
const INDEX_FROM = 32;

interface StatementIndex {
  index: PatternIndex<number>;
  always: number[];
}

const indexed = new WeakMap<readonly Statement[], StatementIndex>();

/** Statement positions to evaluate for `action`, ascending (the order a full scan visits them). */
export function statementsFor(statements: readonly Statement[], action: string): number[] {
  if (statements.length < INDEX_FROM) return statements.map((_, i) => i);
  let found = indexed.get(statements);
  if (!found) indexed.set(statements, (found = build(statements)));
  const hits = new Set(found.always);
  for (const i of found.index.candidates(lowerEach(action))) hits.add(i);
  return [...hits].sort((a, b) => a - b);
}

function build(statements: readonly Statement[]): StatementIndex {
  const out: StatementIndex = { index: new PatternIndex(), always: [] };
  statements.forEach((s, i) => {
    if (!s.Action) {
      out.always.push(i);
      return;
    }
    for (const pattern of s.Action) {
      // Action elements take neither variables nor escapes: `${` is text, so this always compiles.
      const compiled = compilePattern(pattern, { substitute: false });
      if (compiled.kind === 'tokens') out.index.add(compiled.tokens.map(lowerToken), i);
    }
  });
  return out;
}

/** Lower case per code point, as the matcher compares (a lower-cased character may be longer). */
function lowerEach(text: string): string {
  let out = '';
  for (const c of text) out += c.toLowerCase();
  return out;
}

function lowerToken(t: Token): Token {
  return t.kind === 'literal' ? { kind: 'literal', char: t.char.toLowerCase() } : t;
}
