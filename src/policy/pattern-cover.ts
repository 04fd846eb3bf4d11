/**
 * Pattern against pattern: does a policy's Resource pattern match the concrete resource a request
 * stands for, when the evidence names that resource only as a pattern itself (a Secrets Manager
 * secret seen by name is `secret:prod-??????`: its random suffix is not in the log)?
 */
import { compilePattern, globMatch, type MatchOptions, type MatchResult, type Token } from './wildcard.ts';

/**
 * 'match' when `pattern` matches every value `valuePattern` stands for, 'no-match' when it matches
 * none, 'unknown' when it matches some (or needs a variable the context lacks). `valuePattern` is an
 * escaped IAM value: raw `*` and `?` are wildcards, `${*}` `${?}` `${$}` the characters. Coverage is
 * checked token by token (a policy `*` spans any run of the value's tokens, `?` one non-`*` token),
 * which is exact for the patterns tightrole builds; when it cannot prove coverage, the answer is
 * 'unknown', never 'match'.
 */
export function patternCovers(pattern: string, valuePattern: string, options: MatchOptions): MatchResult {
  const policy = compilePattern(pattern, options);
  if (policy.kind !== 'tokens') return policy.kind === 'unknown' ? 'unknown' : 'no-match';
  const value = compilePattern(valuePattern, { substitute: true, variables: {} });
  if (value.kind !== 'tokens') return 'unknown';
  if (value.tokens.every((t) => t.kind === 'literal')) {
    const text = value.tokens.map((t) => (t.kind === 'literal' ? t.char : '')).join('');
    return globMatch(policy.tokens, text, options.caseInsensitive) ? 'match' : 'no-match';
  }
  if (covers(policy.tokens, value.tokens, options.caseInsensitive)) return 'match';
  return intersects(policy.tokens, value.tokens, options.caseInsensitive) ? 'unknown' : 'no-match';
}

/** Every string of `v` matches `p` (a sufficient check: a monotone walk over both token lists). */
function covers(p: readonly Token[], v: readonly Token[], ci: boolean): boolean {
  return walk(p.length, v.length, (i, j) => {
    const a = p[i];
    const b = v[j];
    const next: [number, number][] = [];
    if (a?.kind === 'star') {
      next.push([i + 1, j]); // p's star matches nothing more
      if (b) next.push([i, j + 1]); // p's star absorbs v's token, whatever it is
    } else if (
      a &&
      b &&
      b.kind !== 'star' &&
      (a.kind === 'one' || (b.kind === 'literal' && same(a.char, b.char, ci)))
    )
      next.push([i + 1, j + 1]);
    return next;
  });
}

/** Some string matches both `p` and `v`. */
function intersects(p: readonly Token[], v: readonly Token[], ci: boolean): boolean {
  return walk(p.length, v.length, (i, j) => {
    const a = p[i];
    const b = v[j];
    const next: [number, number][] = [];
    if (a?.kind === 'star') next.push([i + 1, j], ...(b ? [[i, j + 1] as [number, number]] : []));
    if (b?.kind === 'star') next.push([i, j + 1], ...(a ? [[i + 1, j] as [number, number]] : []));
    if (a && b && a.kind !== 'star' && b.kind !== 'star') {
      const both = a.kind === 'literal' && b.kind === 'literal';
      if (!both || same(a.char, b.char, ci)) next.push([i + 1, j + 1]);
    }
    return next;
  });
}

/** Is (m, n) reachable from (0, 0)? Each state is visited once: O(m x n). */
function walk(m: number, n: number, next: (i: number, j: number) => [number, number][]): boolean {
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    if (i === m && j === n) return true;
    const key = i * (n + 1) + j;
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...next(i, j));
  }
  return false;
}

function same(a: string, b: string, caseInsensitive: boolean): boolean {
  return a === b || (caseInsensitive && a.toLowerCase() === b.toLowerCase());
}
