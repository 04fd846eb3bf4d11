/** AWS shape -> internal shape: every list an array, condition values strings. */
import type { ConditionBlock, PolicyDocument, Principal, Statement } from '../model/policy.ts';

type Json = Record<string, unknown>;

/**
 * Normalizes a document that passed the schema (see schema.ts): wraps single strings in arrays,
 * turns numbers and booleans in condition values into strings, defaults a missing Version to
 * 2008-10-17 as IAM does. Copies; never mutates its input.
 */
export function normalizePolicy(doc: Json, statements: readonly Json[]): PolicyDocument {
  return {
    Version: (doc['Version'] as PolicyDocument['Version'] | undefined) ?? '2008-10-17',
    ...(typeof doc['Id'] === 'string' ? { Id: doc['Id'] } : {}),
    Statement: statements.map(normalizeStatement),
  };
}

function normalizeStatement(s: Json): Statement {
  const out: Statement = { Effect: s['Effect'] as Statement['Effect'] };
  if (typeof s['Sid'] === 'string') out.Sid = s['Sid'];
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (s[key] !== undefined) out[key] = normalizePrincipal(s[key]);
  }
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (s[key] !== undefined) out[key] = list(s[key]);
  }
  if (s['Condition'] !== undefined)
    out.Condition = normalizeCondition(s['Condition'] as Record<string, Json>);
  return out;
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

function normalizePrincipal(p: unknown): Principal {
  if (p === '*') return '*';
  return mapValues(p as Json, list);
}

function normalizeCondition(block: Record<string, Json>): ConditionBlock {
  return mapValues(block, (keys) => mapValues(keys, list));
}

/** Object.fromEntries keeps keys like `__proto__` as own properties (plain assignment would not). */
function mapValues<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}
