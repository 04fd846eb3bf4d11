/**
 * One Resource/NotResource list matched against a value: any pattern matching (OR), 'unknown'
 * when none matches but one needs a variable the context lacks. A long list is indexed once per
 * list (see {@link PatternIndex}), so evaluating many requests against a statement with thousands
 * of ARNs costs look-ups, not a scan of every pattern per request. Patterns whose text needs the
 * request context (policy variables) are always tried one by one.
 */
import { PatternIndex } from './pattern-index.ts';
import {
  compilePattern,
  globMatch,
  literalPattern,
  matchesPattern,
  type MatchOptions,
  type MatchResult,
  type Token,
  type VariableValues,
} from './wildcard.ts';

/** Shorter lists are scanned: building an index would cost more than it saves. */
const INDEX_FROM = 16;

interface IndexedList {
  /** The text of each pattern that is one literal string (see {@link literalPattern}). */
  plain: Set<string>;
  index: PatternIndex<readonly Token[]>;
  /** Patterns with policy variables: matched per request, in list order. */
  dynamic: string[];
}

// Keyed by the list itself: policies hold arrays that are not changed once built.
const indexed = new WeakMap<readonly string[], Map<boolean, IndexedList>>();

/** Case-sensitive match of a resource pattern list; see the module comment. */
export function matchResourceList(
  patterns: readonly string[],
  value: string,
  variables: VariableValues,
  substitute: boolean,
): MatchResult {
  const options = { caseInsensitive: false, variables, substitute };
  if (patterns.length < INDEX_FROM) return firstMatch(patterns, value, options);
  const list = indexOf(patterns, substitute);
  if (list.plain.has(value) || list.index.candidates(value).some((t) => globMatch(t, value, false)))
    return 'match';
  return firstMatch(list.dynamic, value, options);
}

/** 'match' as soon as one pattern matches; else 'unknown' if one needed a missing variable. */
function firstMatch(patterns: readonly string[], value: string, options: MatchOptions): MatchResult {
  let unknown = false;
  for (const p of patterns) {
    const r = matchesPattern(p, value, options);
    if (r === 'match') return 'match';
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no-match';
}

function indexOf(patterns: readonly string[], substitute: boolean): IndexedList {
  let bySubstitute = indexed.get(patterns);
  if (!bySubstitute) indexed.set(patterns, (bySubstitute = new Map()));
  const found = bySubstitute.get(substitute);
  if (found) return found;
  const list: IndexedList = { plain: new Set(), index: new PatternIndex(), dynamic: [] };
  for (const p of patterns) {
    if (substitute && needsContext(p)) {
      list.dynamic.push(p);
      continue;
    }
    const literal = substitute ? literalPattern(p) : /[*?]/.test(p) ? undefined : p;
    if (literal !== undefined) {
      list.plain.add(literal);
      continue;
    }
    const compiled = compilePattern(p, { substitute });
    // A static pattern either compiles or can never match ('never'); it is never 'unknown'.
    if (compiled.kind === 'tokens') list.index.add(compiled.tokens, compiled.tokens);
  }
  bySubstitute.set(substitute, list);
  return list;
}

/**
 * Could the pattern compile differently in another context? Yes when any `${` is left once the
 * escapes `${*}`, `${?}`, `${$}` are removed (a variable, with or without a default). Errs on
 * the side of "yes": such patterns are matched the slow, exact way.
 */
function needsContext(pattern: string): boolean {
  return pattern.includes('$') && pattern.replace(/\$\{[*?$]\}/g, '').includes('${');
}
