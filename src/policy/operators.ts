/**
 * The base condition operators (without `ForAnyValue:`/`ForAllValues:` or `IfExists`): how one policy
 * value compares with one request value. Semantics from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { inCidr } from './ip.ts';
import type { VariableValues } from './variables.ts';
import { compilePattern, globMatch, matchesPattern, substituteVariables } from './wildcard.ts';

/** 'invalid': the values are not comparable (a non-number for Numeric*); fails even when negated. */
export type Outcome = 'match' | 'no-match' | 'unknown' | 'invalid';

/** What a comparison may need: the request context for policy variables in policy values. */
export interface CompareEnv {
  variables: VariableValues;
  /** false for Version 2008-10-17 policies: `${...}` is plain text. */
  substitute: boolean;
}

/** One base operator: the positive comparison, and whether the operator negates it (`...Not...`). */
export interface Operator {
  compare: (policyValue: string, requestValue: string, env: CompareEnv) => Outcome;
  negated: boolean;
}

type Compare = Operator['compare'];

const outcome = (b: boolean | undefined): Outcome => (b === undefined ? 'invalid' : b ? 'match' : 'no-match');

const exact =
  (fold: (s: string) => string): Compare =>
  (p, v, env) => {
    const sub = substituteVariables(p, env);
    if (sub.kind !== 'text') return sub.kind === 'unknown' ? 'unknown' : 'no-match';
    return outcome(fold(sub.text) === fold(v));
  };

const like: Compare = (p, v, env) => matchesPattern(p, v, { caseInsensitive: false, ...env });

const numeric =
  (f: (request: number, policy: number) => boolean): Compare =>
  (p, v) => {
    const a = toNumber(v);
    const b = toNumber(p);
    return outcome(a === undefined || b === undefined ? undefined : f(a, b));
  };

const date =
  (f: (request: number, policy: number) => boolean): Compare =>
  (p, v) => {
    const a = toEpochMs(v);
    const b = toEpochMs(p);
    return outcome(a === undefined || b === undefined ? undefined : f(a, b));
  };

const bool: Compare = (p, v) => {
  const a = v.toLowerCase();
  return outcome(a === 'true' || a === 'false' ? a === p.toLowerCase() : undefined);
};

const ip: Compare = (p, v) => outcome(inCidr(v, p));

/** ArnEquals and ArnLike are the same test: each of the six `:` components is matched on its own. */
const arn: Compare = (p, v, env) => {
  const compiled = compilePattern(p, env);
  if (compiled.kind !== 'tokens') return compiled.kind === 'unknown' ? 'unknown' : 'no-match';
  const want = arnParts(compiled.tokens, (t) => t.kind === 'literal' && t.char === ':');
  if (want.length !== 6) return outcome(globMatch(compiled.tokens, v, false));
  const have = arnParts(Array.from(v), (c) => c === ':');
  return outcome(have.length === 6 && want.every((w, i) => globMatch(w, have[i]!.join(''), false)));
};

const EQ = (a: number, b: number) => a === b;
const LT = (a: number, b: number) => a < b;
const LE = (a: number, b: number) => a <= b;
const GT = (a: number, b: number) => a > b;
const GE = (a: number, b: number) => a >= b;
const same = (s: string) => s;
const lower = (s: string) => s.toLowerCase();

/** Base operator name -> comparison. `Null` is handled by the caller: it tests presence, not values. */
const TABLE: Readonly<Record<string, Operator>> = {
  StringEquals: { compare: exact(same), negated: false },
  StringNotEquals: { compare: exact(same), negated: true },
  StringEqualsIgnoreCase: { compare: exact(lower), negated: false },
  StringNotEqualsIgnoreCase: { compare: exact(lower), negated: true },
  StringLike: { compare: like, negated: false },
  StringNotLike: { compare: like, negated: true },
  NumericEquals: { compare: numeric(EQ), negated: false },
  NumericNotEquals: { compare: numeric(EQ), negated: true },
  NumericLessThan: { compare: numeric(LT), negated: false },
  NumericLessThanEquals: { compare: numeric(LE), negated: false },
  NumericGreaterThan: { compare: numeric(GT), negated: false },
  NumericGreaterThanEquals: { compare: numeric(GE), negated: false },
  DateEquals: { compare: date(EQ), negated: false },
  DateNotEquals: { compare: date(EQ), negated: true },
  DateLessThan: { compare: date(LT), negated: false },
  DateLessThanEquals: { compare: date(LE), negated: false },
  DateGreaterThan: { compare: date(GT), negated: false },
  DateGreaterThanEquals: { compare: date(GE), negated: false },
  Bool: { compare: bool, negated: false },
  BinaryEquals: { compare: (p, v) => outcome(p === v), negated: false },
  IpAddress: { compare: ip, negated: false },
  NotIpAddress: { compare: ip, negated: true },
  ArnEquals: { compare: arn, negated: false },
  ArnLike: { compare: arn, negated: false },
  ArnNotEquals: { compare: arn, negated: true },
  ArnNotLike: { compare: arn, negated: true },
};

/** Every base operator name the evaluator understands, `Null` included. */
export const CONDITION_OPERATORS: readonly string[] = [...Object.keys(TABLE), 'Null'];

/** The base operator by exact name; undefined for unknown names (a Map: `toString` is not an operator). */
export function findOperator(name: string): Operator | undefined {
  return OPERATORS.get(name);
}

const OPERATORS: ReadonlyMap<string, Operator> = new Map(Object.entries(TABLE));

function toNumber(text: string): number | undefined {
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : undefined;
}

/** ISO 8601 date/time, or epoch seconds (IAM accepts both, e.g. `aws:EpochTime`). */
function toEpochMs(text: string): number | undefined {
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Splits on the first five colons: arn, partition, service, region, account, resource. */
function arnParts<T>(items: readonly T[], isColon: (item: T) => boolean): T[][] {
  const parts: T[][] = [[]];
  for (const item of items) {
    if (parts.length < 6 && isColon(item)) parts.push([]);
    else parts[parts.length - 1]!.push(item);
  }
  return parts;
}
