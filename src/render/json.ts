import type { PolicyDocument, Statement } from '../model/policy.ts';

/** A policy document in the AWS JSON shape, keys in the conventional order, 2-space indented. */
export function renderPolicyJson(policy: PolicyDocument): string {
  return `${JSON.stringify(orderedPolicy(policy), null, 2)}\n`;
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
  return `${JSON.stringify(out, null, 2)}\n`;
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
