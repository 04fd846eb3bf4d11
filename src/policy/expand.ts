/**
 * Action patterns (`s3:*`, `s3:Get*`, `*`) and NotAction lists as the concrete actions of a list the
 * caller provides (the catalog is injected, never imported here).
 */
import { compilePattern, globMatch, type Token } from './wildcard.ts';

/**
 * The actions of `catalogActions` matched (case-insensitively) by any of `patterns`: sorted by code
 * unit, one entry per action ignoring case, spelled as the catalog spells it (its first spelling).
 * Patterns that match nothing contribute nothing; `${...}` is plain text, as in an Action element.
 */
export function expandActionPatterns(
  patterns: readonly string[],
  catalogActions: readonly string[],
): string[] {
  const matchers = compileAll(patterns);
  return canonical(catalogActions.filter((action) => matchers.some((m) => globMatch(m, action, true))));
}

/** The actions of `catalogActions` that none of the NotAction `patterns` matches; same order and case rules. */
export function expandNotAction(patterns: readonly string[], catalogActions: readonly string[]): string[] {
  const matchers = compileAll(patterns);
  return canonical(catalogActions.filter((action) => !matchers.some((m) => globMatch(m, action, true))));
}

function compileAll(patterns: readonly string[]): Token[][] {
  return patterns.map((p) => {
    const compiled = compilePattern(p, { substitute: false });
    return compiled.kind === 'tokens' ? compiled.tokens : [];
  });
}

function canonical(actions: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const action of actions) {
    const key = action.toLowerCase();
    if (!seen.has(key)) seen.set(key, action);
  }
  return [...seen.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
