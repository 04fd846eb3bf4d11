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
}

export const DEFAULT_REDUCE_OPTIONS: ReduceOptions = {
  includeDenied: false,
  authorizedFailures: true,
  generalize: 'safe',
  collapseThreshold: 5,
  conditions: true,
  companions: true,
  compact: false,
};
