/**
 * Condition blocks in three-valued logic. Semantics from
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * and .../reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import type { ConditionBlock } from '../model/policy.ts';
import { findOperator, type CompareEnv, type Operator, type Outcome } from './operators.ts';
import { lookupKey, type VariableValues } from './variables.ts';

/** Three-valued logic: 'unknown' when the evidence lacks a key the answer depends on. */
export type Tri = 'true' | 'false' | 'unknown';

/** See {@link VariableValues}: a missing key is unknown, an empty array is known to be absent. */
export type RequestContext = VariableValues;

export { CONDITION_OPERATORS } from './operators.ts';

/** Options for {@link evaluateConditions}. */
export interface ConditionOptions {
  /** false for Version 2008-10-17 policies, where `${...}` is plain text. Default true. */
  substitute?: boolean;
}

interface ParsedOperator {
  set: 'ForAnyValue' | 'ForAllValues' | undefined;
  base: string;
  ifExists: boolean;
}

/**
 * All operator/key pairs must hold (AND): any 'false' gives 'false', else any 'unknown' gives
 * 'unknown'. An unknown operator never holds. A key missing from the context is 'unknown' unless the
 * operator has a defined answer for an absent key: `...IfExists` (true), `Null`, `ForAllValues:` (true).
 */
export function evaluateConditions(
  block: ConditionBlock | undefined,
  context: RequestContext,
  options: ConditionOptions = {},
): Tri {
  const env: CompareEnv = { variables: context, substitute: options.substitute !== false };
  let result: Tri = 'true';
  for (const [operator, keys] of Object.entries(block ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      const r = evaluateKey(parsedOperator(operator), values, lookupKey(context, key), env);
      if (r === 'false') return 'false';
      if (r === 'unknown') result = 'unknown';
    }
  }
  return result;
}

// Policies name a handful of operators; every request re-reads them. Bounded: operator names come
// from policy files, so a hostile one cannot grow this without limit.
const PARSED = new Map<string, ParsedOperator>();
const PARSED_LIMIT = 1024;

function parsedOperator(operator: string): ParsedOperator {
  const hit = PARSED.get(operator);
  if (hit) return hit;
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  const parsed = parseOperator(operator);
  PARSED.set(operator, parsed);
  return parsed;
}

/** `ForAnyValue:StringLikeIfExists` -> set, base and suffix. */
export function parseOperator(operator: string): ParsedOperator {
  const colon = operator.indexOf(':');
  const prefix = colon < 0 ? undefined : operator.slice(0, colon);
  const set = prefix === 'ForAnyValue' || prefix === 'ForAllValues' ? prefix : undefined;
  const rest = set ? operator.slice(colon + 1) : operator;
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  return { set, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

function evaluateKey(
  op: ParsedOperator,
  policyValues: readonly string[],
  request: readonly string[] | undefined,
  env: CompareEnv,
): Tri {
  const absent = request === undefined || request.length === 0;
  if (op.base === 'Null') return nullCheck(policyValues, absent);
  const operator = findOperator(op.base);
  if (!operator) return 'false';
  if (absent && (op.ifExists || op.set === 'ForAllValues')) return 'true';
  // The evidence does not record this key: the real request may have carried any value.
  if (request === undefined) return 'unknown';
  const perValue = request.map((v) => anyPolicyValue(operator, policyValues, v, env));
  if (op.set === 'ForAllValues') return all(perValue.map((o) => negate(operator, o)));
  if (op.set === 'ForAnyValue') return any(perValue.map((o) => negate(operator, o)));
  // No set operator: the key's values match as one (for a known-absent key, a negated operator holds).
  return negate(operator, combine(perValue));
}

/** `Null: true` holds when the key is absent; `Null: false` when present. A missing key is absent. */
function nullCheck(policyValues: readonly string[], absent: boolean): Tri {
  return policyValues.some((p) => p.toLowerCase() === String(absent)) ? 'true' : 'false';
}

/** One request value against the policy values: any match (OR). */
function anyPolicyValue(operator: Operator, policyValues: readonly string[], value: string, env: CompareEnv) {
  return combine(policyValues.map((p) => operator.compare(p, value, env)));
}

/** match if any matched; else unknown if any unknown; else invalid if every one was; else no-match. */
function combine(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.includes('match')) return 'match';
  if (outcomes.includes('unknown')) return 'unknown';
  return outcomes.length > 0 && outcomes.every((o) => o === 'invalid') ? 'invalid' : 'no-match';
}

/** Applies the operator's negation; an invalid comparison fails either way (per-value NOR for `Not`). */
function negate(operator: Operator, o: Outcome): Tri {
  if (o === 'unknown') return 'unknown';
  if (o === 'invalid') return 'false';
  return (o === 'match') !== operator.negated ? 'true' : 'false';
}

function all(results: readonly Tri[]): Tri {
  if (results.includes('false')) return 'false';
  return results.includes('unknown') ? 'unknown' : 'true';
}

function any(results: readonly Tri[]): Tri {
  if (results.includes('true')) return 'true';
  return results.includes('unknown') ? 'unknown' : 'false';
}
