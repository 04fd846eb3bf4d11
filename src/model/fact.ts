import type { Arn, IamAction, ResourceSet } from './identifiers.ts';
import type { EvidenceSource, Outcome } from './observation.ts';

/** Aggregated observations sharing (principal, action, resources, context, outcome). */
export interface Fact {
  principal: Arn;
  action: IamAction;
  resources: ResourceSet;
  context: Record<string, string>;
  outcome: Outcome;
  count: number;
  firstSeen: string;
  lastSeen: string;
  sources: EvidenceSource[];
  inferred: boolean;
  /** Set on a platform baseline grant (no call behind it): the baseline's name, e.g. `lambda-logs`. */
  baseline?: string;
  /**
   * Resources whose per-request identifiers were masked at ingest (the same masking the reducer
   * applies), each with the kinds of identifier found. Absent when the resources are as observed.
   */
  masked?: Record<string, string[]>;
  /**
   * Safe mode: per masked resource, up to two of the distinct concrete ARNs behind it (the smallest).
   * A mask seen with one value only is undone by the reducer: one value proves no variation.
   */
  variants?: Record<string, string[]>;
}
