import type { PolicyDocument, Statement } from '../model/policy.ts';

/** A policy document in the AWS JSON shape, keys in the conventional order, 2-space indented. */
export function renderPolicyJson(policy: PolicyDocument): string {
  return `${safeJson(orderedPolicy(policy))}\n`;
}

/**
 * JSON.stringify, plus escapes for the characters it leaves raw that a terminal or editor may act on:
 * DEL and C1 controls, line/paragraph separators and bidi overrides. Still valid, equivalent JSON.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `{ "<role ARN>": <document>, ... }` for several roles, keys sorted. */
export function renderPolicyMapJson(
  policies: ReadonlyMap<string, PolicyDocument | PolicyDocument[]>,
): string {
  const keys = [...policies.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = policies.get(key)!;
    out[key] = Array.isArray(value) ? value.map(orderedPolicy) : orderedPolicy(value);
  }
  return `${safeJson(out)}\n`;
}

export function orderedPolicy(policy: PolicyDocument): Record<string, unknown> {
  return {
    Version: policy.Version,
    ...(policy.Id !== undefined ? { Id: policy.Id } : {}),
    Statement: policy.Statement.map(orderedStatement),
  };
}

function orderedStatement(s: Statement): Record<string, unknown> {
  const keys = [
    'Sid',
    'Effect',
    'Principal',
    'NotPrincipal',
    'Action',
    'NotAction',
    'Resource',
    'NotResource',
    'Condition',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (s[key] !== undefined) out[key] = s[key];
  return out;
}
