import type { PolicyDocument, Statement } from '../model/policy.ts';
import { byCodeUnit, sortedUnique } from './compare.ts';
import { groupBy } from './group-by.ts';
import { contentSid } from './sid.ts';

/** IAM quotas (IAM User Guide, "IAM and AWS STS quotas"): characters, whitespace not counted. */
export interface PolicyLimits {
  inlineRoleTotal: number;
  managedPolicy: number;
  managedPerRole: number;
}

export const DEFAULT_POLICY_LIMITS: PolicyLimits = {
  inlineRoleTotal: 10_240,
  managedPolicy: 6_144,
  managedPerRole: 10,
};

/** Size as IAM counts it: the JSON without any whitespace outside strings. */
export function policySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).length;
}

export type FitResult =
  | { kind: 'inline'; documents: [PolicyDocument]; size: number }
  | { kind: 'managed'; documents: PolicyDocument[]; sizes: number[] }
  | { kind: 'too-large'; size: number; reason: string };

/**
 * Fits a policy into IAM's limits without changing what it allows: one inline policy when it fits;
 * otherwise statements with the same actions and conditions merge (resources union: same decisions),
 * then are packed into managed policies, each service's statements kept together.
 */
export function fitPolicy(policy: PolicyDocument, limits: PolicyLimits = DEFAULT_POLICY_LIMITS): FitResult {
  const size = policySize(policy);
  if (size <= limits.inlineRoleTotal) return { kind: 'inline', documents: [policy], size };
  const merged: PolicyDocument = { ...policy, Statement: mergeSameActions(policy.Statement) };
  if (policySize(merged) <= limits.inlineRoleTotal)
    return { kind: 'inline', documents: [merged], size: policySize(merged) };
  const documents = packByService(merged, limits.managedPolicy);
  if (!documents)
    return {
      kind: 'too-large',
      size,
      reason: `one service's statements exceed ${limits.managedPolicy} characters`,
    };
  if (documents.length > limits.managedPerRole) {
    return {
      kind: 'too-large',
      size,
      reason: `needs ${documents.length} managed policies; a role may have ${limits.managedPerRole}`,
    };
  }
  return { kind: 'managed', documents, sizes: documents.map(policySize) };
}

/** Statements with identical actions and conditions become one with the union of resources. */
export function mergeSameActions(statements: readonly Statement[]): Statement[] {
  const groups = groupBy(statements, (s) => {
    return JSON.stringify([s.Effect, s.Action, s.NotAction ?? null, s.Condition ?? null, !!s.NotResource]);
  });
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const { Sid: _sid, ...first } = group[0]!;
    const body: Statement = { ...first, Resource: sortedUnique(group.flatMap((s) => s.Resource ?? [])) };
    return { Sid: contentSid(body), ...body };
  });
}

function serviceOf(s: Statement): string {
  return (s.Action ?? s.NotAction ?? [''])[0]!.split(':')[0] ?? '';
}

/** First-fit decreasing over per-service bundles; deterministic. Undefined if one bundle is too big. */
function packByService(policy: PolicyDocument, max: number): PolicyDocument[] | undefined {
  const bundles = groupBy(policy.Statement, serviceOf);
  const sized = [...bundles.entries()]
    .map(([service, statements]) => ({
      service,
      statements,
      size: policySize({ ...policy, Statement: statements }),
    }))
    .sort((a, b) => b.size - a.size || byCodeUnit(a.service, b.service));
  const bins: Statement[][] = [];
  for (const bundle of sized) {
    if (bundle.size > max) return undefined;
    const bin = bins.find((b) => policySize({ ...policy, Statement: [...b, ...bundle.statements] }) <= max);
    if (bin) bin.push(...bundle.statements);
    else bins.push([...bundle.statements]);
  }
  return bins.map((statements) => ({ Version: policy.Version, Statement: statements }));
}
