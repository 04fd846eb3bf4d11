import type { Arn, IamAction, ResourceSet } from './identifiers.ts';
import type { SkipReason } from './skip-reason.ts';

/**
 * allowed: no error. denied: refused by authorization. failed: failed after authorization (the
 * permission is needed). unknown: an error that proves neither (data/error-codes.json).
 */
export type Outcome = 'allowed' | 'denied' | 'failed' | 'unknown';
export type EvidenceSource = 'cloudtrail' | 'xray' | 'otel';

/** Where an observation came from, for reports; never used to decide anything. */
export interface Origin {
  file?: string;
  record?: number;
  id?: string;
}

/** One authorized (or refused) call seen in one source record. */
export interface Observation {
  /** Role ARN (arn:aws:iam::ACCOUNT:role/path/name), never a session ARN. */
  principal: Arn;
  action: IamAction;
  resources: ResourceSet;
  /** Condition keys observed: aws:RequestedRegion, aws:SourceVpce, kms:ViaService, ... */
  context: Record<string, string>;
  outcome: Outcome;
  /** The error code as recorded (cut to a sane length), when the call ended in an error. */
  errorCode?: string;
  source: EvidenceSource;
  /** ISO-8601. */
  time: string;
  origin: Origin;
  /** True when the action was implied (iam:PassRole, dependent actions), not seen. */
  inferred?: boolean;
  /**
   * A call that names only a handle (an Athena query ID): `resources` is "*" until the same role's
   * call that returned the handle supplies them (facts/handle-index.ts). `kind:id`.
   */
  handle?: string;
  /** Handles this call returned (`kind:id`), which stand for its resources in the role's later calls. */
  binds?: readonly string[];
}

export interface SkipCount {
  reason: SkipReason;
  count: number;
  /** One place it happened, e.g. "logs/a.json.gz#12: ...". Escaped for display by renderers. */
  example?: string;
}

export interface UnmappedCount {
  eventSource: string;
  eventName: string;
  count: number;
}

export interface UnresolvedCount {
  action: IamAction;
  count: number;
  /** One call whose resource could not be built, and why. */
  example?: string;
  /** Why, over all those calls: each reason (the variable and the request parameters it needs) with its count. */
  reasons?: { reason: string; count: number }[];
}

/** Every ingest returns one; nothing is dropped silently.
 * `records` = records whose observations were used + records skipped (by reason) + unmapped. */
export interface IngestReport {
  files: number;
  records: number;
  observations: number;
  /** Records that produced at least one observation that entered the fact store. */
  used: number;
  skipped: SkipCount[];
  unmapped: UnmappedCount[];
  unresolvedResources: UnresolvedCount[];
  /** Files that could not be read at all or only in part. */
  problems: FileProblem[];
}

export interface FileProblem {
  file: string;
  reason: string;
  /** Record index inside the file when the problem is one record. */
  record?: number;
}
