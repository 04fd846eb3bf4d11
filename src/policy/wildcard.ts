/**
 * IAM pattern matching: `*` (any run, possibly empty) and `?` (one character); the escapes `${*}`,
 * `${?}`, `${$}` are the literal characters; policy variables `${aws:username}` (optionally
 * `${key, 'default'}`) are resolved from `variables`. Iterative glob matching with one backtrack
 * point (O(pattern × value) worst case): no regex is built from policy text, so no input can
 * trigger catastrophic backtracking.
 */
import { lookupKey, type VariableValues } from './variables.ts';

export type { VariableValues } from './variables.ts';

/** 'unknown' when the pattern needs a policy variable the context lacks. */
export type MatchResult = 'match' | 'no-match' | 'unknown';

export interface MatchOptions {
  /** Actions match case-insensitively; ARNs and condition values case-sensitively. */
  caseInsensitive: boolean;
  /** Values of policy variables, keys matched case-insensitively. Omitted: any variable is unknown. */
  variables?: VariableValues;
  /**
   * false: `${...}` is plain text, as in Action elements and Version 2008-10-17 policies, which
   * support neither variables nor escapes. Default true.
   */
  substitute?: boolean;
}

/** One pattern element: a literal code point, `*` or `?`. */
export type Token = { kind: 'literal'; char: string } | { kind: 'star' } | { kind: 'one' };

/**
 * A compiled pattern: tokens after escapes and variable substitution, or the outcome for every
 * value when a variable cannot be substituted ('unknown': not in the context; 'never': known absent
 * or multivalued, so the statement cannot match, as in IAM).
 */
export type CompiledPattern = { kind: 'tokens'; tokens: Token[] } | { kind: 'unknown' } | { kind: 'never' };

type Substitution = { kind: 'text'; text: string } | { kind: 'unknown' } | { kind: 'never' };

/** Does the IAM pattern match the value? 'unknown' when it needs a variable the context lacks. */
export function matchesPattern(pattern: string, value: string, options: MatchOptions): MatchResult {
  const compiled = compilePattern(pattern, options);
  if (compiled.kind !== 'tokens') return compiled.kind === 'unknown' ? 'unknown' : 'no-match';
  return globMatch(compiled.tokens, value, options.caseInsensitive) ? 'match' : 'no-match';
}

/** Tokenizes a pattern once (a substituted variable value is literal text); see {@link matchesPattern}. */
export function compilePattern(
  pattern: string,
  options: Omit<MatchOptions, 'caseInsensitive'>,
): CompiledPattern {
  // Without `$` a pattern compiles the same whatever the context: reuse it (verification evaluates
  // the same statements for every fact). Bounded, so no input can grow it without limit.
  if (!pattern.includes('$')) {
    const hit = PLAIN_CACHE.get(pattern);
    if (hit) return hit;
    if (PLAIN_CACHE.size >= PLAIN_CACHE_LIMIT) PLAIN_CACHE.clear();
    const compiled = compileUncached(pattern, options);
    PLAIN_CACHE.set(pattern, compiled);
    return compiled;
  }
  return compileUncached(pattern, options);
}

const PLAIN_CACHE = new Map<string, CompiledPattern>();
const PLAIN_CACHE_LIMIT = 50_000;

// Tokens are never changed once built: share them (100k ARNs would otherwise be 10M small objects).
const STAR: Token = Object.freeze({ kind: 'star' });
const ONE: Token = Object.freeze({ kind: 'one' });
const ASCII: Token[] = Array.from({ length: 128 }, (_, i) =>
  Object.freeze({ kind: 'literal', char: String.fromCharCode(i) }),
);

function literalToken(char: string): Token {
  return char.length === 1 && char.charCodeAt(0) < 128
    ? ASCII[char.charCodeAt(0)]!
    : { kind: 'literal', char };
}

function compileUncached(pattern: string, options: Omit<MatchOptions, 'caseInsensitive'>): CompiledPattern {
  const tokens: Token[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const end =
      options.substitute === false || c !== '$' || chars[i + 1] !== '{' ? -1 : chars.indexOf('}', i + 2);
    if (end < 0) {
      tokens.push(c === '*' ? STAR : c === '?' ? ONE : literalToken(c));
      continue;
    }
    const sub = substitution(chars.slice(i + 2, end).join(''), options.variables);
    if (sub.kind !== 'text') return sub;
    for (const ch of sub.text) tokens.push(literalToken(ch));
    i = end;
  }
  return { kind: 'tokens', tokens };
}

/**
 * The text a pattern matches when it is one literal string: no `*`/`?` and no policy variable once
 * the escapes `${*}`, `${?}`, `${$}` are decoded; otherwise undefined. The same answer as
 * {@link compilePattern} gives, without building tokens (reduce and evaluation meet 100k such ARNs).
 */
export function literalPattern(pattern: string): string | undefined {
  if (!pattern.includes('$')) return /[*?]/.test(pattern) ? undefined : pattern;
  const rest = pattern.replace(ESCAPE, '');
  if (/[*?]/.test(rest) || rest.includes('${')) return undefined;
  return pattern.replace(ESCAPE, (_e, c: string) => c);
}

const ESCAPE = /\$\{([*?$])\}/g;

/**
 * Replaces escapes and variables in a value compared without wildcards (StringEquals and the like):
 * the text, or undefined with the reason. `substitute: false` returns the value unchanged.
 */
export function substituteVariables(
  pattern: string,
  options: Omit<MatchOptions, 'caseInsensitive'>,
): { kind: 'text'; text: string } | { kind: 'unknown' } | { kind: 'never' } {
  // No `$`: no escape, no variable, so every token is its own character again (conditions compare
  // each fact's values this way).
  if (!pattern.includes('$')) return { kind: 'text', text: pattern };
  const compiled = compilePattern(pattern, options);
  if (compiled.kind !== 'tokens') return compiled;
  return {
    kind: 'text',
    text: compiled.tokens
      .map((t) => (t.kind === 'literal' ? t.char : t.kind === 'star' ? '*' : '?'))
      .join(''),
  };
}

/**
 * `${*}`, `${?}`, `${$}` are the characters; otherwise a variable, `${key}` or `${key, 'default'}`.
 * A multivalued key is never substituted (IAM allows only single-valued keys as variables).
 */
function substitution(inner: string, variables: VariableValues | undefined): Substitution {
  if (inner === '*' || inner === '?' || inner === '$') return { kind: 'text', text: inner };
  const comma = inner.indexOf(',');
  const key = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  const fallback = comma < 0 ? undefined : quoted(inner.slice(comma + 1).trim());
  if (key === '' || fallback === null) return { kind: 'never' };
  const found = variables === undefined ? undefined : lookupKey(variables, key);
  if (found !== undefined && found.length === 1) return { kind: 'text', text: found[0]! };
  if (fallback !== undefined) return { kind: 'text', text: fallback };
  return found === undefined ? { kind: 'unknown' } : { kind: 'never' };
}

/** `'text'` -> text; anything else -> null (malformed default). */
function quoted(text: string): string | null {
  const body = text.slice(1, -1);
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'") && !body.includes("'") ? body : null;
}

/** Glob match of compiled tokens against a value, per code point. */
export function globMatch(tokens: readonly Token[], value: string, caseInsensitive: boolean): boolean {
  // Without surrogates each UTF-16 unit is a code point: index the string, no array of characters
  // (verification matches every fact's ARN). An astral token character then matches no unit, as it
  // matches no code point of such a value.
  const chars: ArrayLike<string> = SURROGATE.test(value) ? Array.from(value) : value;
  let t = 0;
  let v = 0;
  let starT = -1;
  let starV = 0;
  while (v < chars.length) {
    const token = tokens[t];
    if (
      token &&
      (token.kind === 'one' || (token.kind === 'literal' && same(token.char, chars[v]!, caseInsensitive)))
    ) {
      t++;
      v++;
    } else if (token?.kind === 'star') {
      starT = t++;
      starV = v;
    } else if (starT >= 0) {
      t = starT + 1;
      v = ++starV;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

function same(a: string, b: string, caseInsensitive: boolean): boolean {
  return a === b || (caseInsensitive && a.toLowerCase() === b.toLowerCase());
}
