import type { PolicyDocument, Statement } from '../model/policy.ts';
import { byCodeUnit } from './compare.ts';
import { groupBy } from './group-by.ts';

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

/** Which statements of the policy went into one managed policy of a split (for --explain). */
export interface SplitPart {
  /** Positions in the policy's Statement list, ascending. */
  statements: number[];
  /** Their Sids, in the same order ('' for a statement without one). */
  sids: string[];
}

export type FitResult =
  | { kind: 'inline'; documents: [PolicyDocument]; size: number }
  | { kind: 'managed'; documents: PolicyDocument[]; sizes: number[]; parts: SplitPart[] }
  | { kind: 'too-large'; size: number; reason: string };

/**
 * Fits a policy into IAM's limits without changing what it allows: one inline policy when it fits;
 * otherwise its statements are packed into managed policies, each service's statements kept
 * together, and `parts` says which statements went where. Statements are not merged here: the
 * reducer's output already is merged by the one rule (merge.ts), and packing changes no statement.
 */
export function fitPolicy(policy: PolicyDocument, limits: PolicyLimits = DEFAULT_POLICY_LIMITS): FitResult {
  const size = policySize(policy);
  if (size <= limits.inlineRoleTotal) return { kind: 'inline', documents: [policy], size };
  const parts = packByService(policy, limits.managedPolicy);
  if (!parts)
    return {
      kind: 'too-large',
      size,
      reason: `one service's statements exceed ${limits.managedPolicy} characters`,
    };
  if (parts.length > limits.managedPerRole) {
    return {
      kind: 'too-large',
      size,
      reason: `needs ${parts.length} managed policies; a role may have ${limits.managedPerRole}`,
    };
  }
  const documents = parts.map((indices) => ({
    Version: policy.Version,
    Statement: indices.map((i) => policy.Statement[i]!),
  }));
  return {
    kind: 'managed',
    documents,
    sizes: documents.map(policySize),
    parts: parts.map((indices) => ({
      statements: [...indices].sort((a, b) => a - b),
      sids: [...indices].sort((a, b) => a - b).map((i) => policy.Statement[i]!.Sid ?? ''),
    })),
  };
}

function serviceOf(s: Statement): string {
  return (s.Action ?? s.NotAction ?? [''])[0]!.split(':')[0] ?? '';
}

/**
 * First-fit decreasing over per-service bundles; deterministic. Each bin as statement positions, in
 * the order they go into the document. Undefined if one bundle is too big.
 */
function packByService(policy: PolicyDocument, max: number): number[][] | undefined {
  const bundles = groupBy(
    policy.Statement.map((_, i) => i),
    (i) => serviceOf(policy.Statement[i]!),
  );
  const statementsOf = (indices: readonly number[]) => indices.map((i) => policy.Statement[i]!);
  const sized = [...bundles.entries()]
    .map(([service, indices]) => ({
      service,
      indices,
      size: policySize({ ...policy, Statement: statementsOf(indices) }),
    }))
    .sort((a, b) => b.size - a.size || byCodeUnit(a.service, b.service));
  const bins: number[][] = [];
  for (const bundle of sized) {
    if (bundle.size > max) return undefined;
    const bin = bins.find(
      (b) => policySize({ ...policy, Statement: statementsOf([...b, ...bundle.indices]) }) <= max,
    );
    if (bin) bin.push(...bundle.indices);
    else bins.push([...bundle.indices]);
  }
  return bins;
}
