import { PatternIndex } from '../policy/pattern-index.ts';
import { compilePattern, literalPattern, matchesPattern } from '../policy/wildcard.ts';

/**
 * Removes patterns another pattern in the list already covers: a concrete ARN that some pattern
 * matches (`secret:db-AbCdEf` under `secret:db-??????`), or a pattern p under a q with only `*`
 * wildcards that matches p's text (each `*`/`?` of p is then absorbed by a `*` of q). ARNs with
 * escapes are never compared this way (an escaped `${*}` in p's text is not the character `*`).
 * Of two patterns covering each other, the first in code-unit order stays. Candidates come from a
 * {@link PatternIndex}, so the work is near-linear in the patterns, not all pairs.
 */
export function dropSubsumed(patterns: readonly string[]): string[] {
  const index = new PatternIndex<string>();
  for (const q of patterns) {
    // Plain text (no wildcard, no escape) matches only itself, so it covers no other pattern.
    if (!/[*?$]/.test(q)) continue;
    const literal = literalPattern(q);
    if (literal !== undefined) {
      index.addLiteral(literal, q);
      continue;
    }
    // Compiled without variables: a pattern needing one never matches, so never covers.
    const compiled = compilePattern(q, {});
    if (compiled.kind === 'tokens') index.add(compiled.tokens, q);
  }
  return patterns.filter(
    (p) => !index.candidates(p).some((q) => q !== p && covers(q, p) && !(covers(p, q) && p < q)),
  );
}

function covers(q: string, p: string): boolean {
  if (p.includes('${')) return false;
  // A concrete p is covered by any pattern that matches it; a pattern p only by a `*`-only q.
  const pIsConcrete = !/[*?]/.test(p);
  if (!pIsConcrete && q.replace(/\$\{[*?$]\}/g, '').includes('?')) return false;
  return matchesPattern(q, p, { caseInsensitive: false }) === 'match';
}
