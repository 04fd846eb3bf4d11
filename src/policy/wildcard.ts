/**
 * IAM pattern matching: `*` (any run, possibly empty) and `?` (one character); the escapes `${*}`,
 * `${?}`, `${$}` are the literal characters; policy variables `${aws:username}` (optionally
 * `${key, 'default'}`) are resolved from `variables`. Iterative, linear-time glob matching: no regex is
 * built from untrusted text, so no input can trigger catastrophic backtracking.
 */

export type MatchResult = 'match' | 'no-match' | 'unknown';

export interface MatchOptions {
  caseInsensitive: boolean;
  /** Values of policy variables, keyed case-insensitively. Omitted: any variable makes the result unknown. */
  variables?: Readonly<Record<string, string | readonly string[]>>;
}

type Token = { kind: 'literal'; char: string } | { kind: 'star' } | { kind: 'one' };

/** Does the IAM pattern match the value? 'unknown' when it needs a variable the context lacks. */
export function matchesPattern(pattern: string, value: string, options: MatchOptions): MatchResult {
  const tokens = tokenize(pattern, options.variables);
  if (tokens === undefined) return 'unknown';
  return glob(tokens, options.caseInsensitive ? value.toLowerCase() : value, options.caseInsensitive)
    ? 'match'
    : 'no-match';
}

function tokenize(pattern: string, variables: MatchOptions['variables']): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end > 0) {
        const inner = pattern.slice(i + 2, end);
        i = end;
        if (inner === '*' || inner === '?' || inner === '$') {
          tokens.push({ kind: 'literal', char: inner });
          continue;
        }
        const value = resolveVariable(inner, variables);
        if (value === undefined) return undefined;
        for (const ch of value) tokens.push({ kind: 'literal', char: ch });
        continue;
      }
    }
    tokens.push(c === '*' ? { kind: 'star' } : c === '?' ? { kind: 'one' } : { kind: 'literal', char: c });
  }
  return tokens;
}

/** `aws:username` or `aws:username, 'default'`; multivalued or missing keys have no single value. */
function resolveVariable(inner: string, variables: MatchOptions['variables']): string | undefined {
  const m = /^\s*([^,]+?)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
  if (!m) return undefined;
  const key = m[1]!.toLowerCase();
  const found = variables ? Object.entries(variables).find(([k]) => k.toLowerCase() === key)?.[1] : undefined;
  if (typeof found === 'string') return found;
  if (Array.isArray(found) && found.length === 1) return found[0] as string;
  return m[2];
}

function glob(tokens: Token[], value: string, caseInsensitive: boolean): boolean {
  let t = 0;
  let v = 0;
  let starT = -1;
  let starV = 0;
  while (v < value.length) {
    const token = tokens[t];
    if (
      token &&
      (token.kind === 'one' || (token.kind === 'literal' && same(token.char, value[v]!, caseInsensitive)))
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

function same(patternChar: string, valueChar: string, caseInsensitive: boolean): boolean {
  return caseInsensitive ? patternChar.toLowerCase() === valueChar : patternChar === valueChar;
}
