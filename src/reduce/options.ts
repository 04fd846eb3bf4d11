import type { Fact } from '../model/fact.ts';

/** How the reducer turns facts into a policy. */
export interface ReduceOptions {
  /** Also allow calls that were refused with AccessDenied (they are never allowed by default). */
  includeDenied: boolean;
  /** Allow calls that failed after authorization (NoSuchKey, ConditionalCheckFailedException, ...). */
  authorizedFailures: boolean;
  /** ARN generalization: none keeps every ARN; safe replaces volatile segments; aggressive also collapses names. */
  generalize: 'none' | 'safe' | 'aggressive';
  /** Distinct values under one stable prefix before they collapse to `prefix*` (safe mode). */
  collapseThreshold: number;
  /** Emit conditions where every observation agrees. */
  conditions: boolean;
  /** Add companion permissions (iam:PassRole) the evidence implies. */
  companions: boolean;
  /** When the policy exceeds IAM's size limits even when split, widen resources (listed in the report). */
  compact: boolean;
  /**
   * Add the platform baselines of Lambda execution roles (log writes, X-Ray writes): what Lambda does
   * with the role that no log shows (src/catalog/data/platform-baselines.json). Marked inferred.
   */
  baseline: boolean;
}

export const DEFAULT_REDUCE_OPTIONS: ReduceOptions = {
  includeDenied: false,
  authorizedFailures: true,
  generalize: 'safe',
  collapseThreshold: 5,
  conditions: true,
  companions: true,
  compact: false,
  baseline: true,
};

/**
 * The facts a policy must allow (the one selection rule, for reduce and generate): successful calls;
 * calls that failed after authorization (the code handles that error, so the permission is needed)
 * unless `authorizedFailures` is off; refused calls only with `includeDenied`; unknown errors never;
 * inferred facts only while their inference (baseline, companions) is on.
 */
export function selectsFact(options: ReduceOptions, f: Fact): boolean {
  const inference = f.baseline !== undefined ? options.baseline : options.companions || !f.inferred;
  if (!inference) return false;
  switch (f.outcome) {
    case 'allowed':
      return true;
    case 'failed':
      return options.authorizedFailures;
    case 'denied':
      return options.includeDenied;
    case 'unknown':
      return false;
  }
}
