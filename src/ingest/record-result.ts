import type { IamAction } from '../model/identifiers.ts';
import type { Observation } from '../model/observation.ts';
import type { SkipReason } from '../model/skip-reason.ts';

/** What one source record gives: observations, or exactly one reason it gave none. */
export type RecordResult =
  | { kind: 'observations'; observations: Observation[]; unresolved: UnresolvedResource[] }
  | { kind: 'skipped'; reason: SkipReason; detail: string }
  | { kind: 'unmapped'; eventSource: string; eventName: string };

export interface UnresolvedResource {
  action: IamAction;
  reason: string;
}

/** Record-level filters applied before mapping (cheap, and keep the counts honest). */
export interface RecordFilter {
  selectRole: (roleArn: string) => boolean;
  /** Matches the raw text of any record that may belong to a selected role (a superset; case-insensitive). */
  rawText?: RegExp;
  /** Inclusive ISO bounds. */
  since?: string;
  until?: string;
}

export const NO_FILTER: RecordFilter = { selectRole: () => true };

export function skipped(reason: SkipReason, detail: string): RecordResult {
  return { kind: 'skipped', reason, detail };
}

export function inWindow(time: string, filter: RecordFilter): boolean {
  return (!filter.since || time >= filter.since) && (!filter.until || time <= filter.until);
}
