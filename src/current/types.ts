import type { PolicyDocument } from '../model/policy.ts';

/** Where a current policy came from: inline, attached managed, a bare document, or a boundary. */
export type CurrentPolicyKind = 'inline' | 'managed' | 'document' | 'boundary';

/** One policy the role carries today. */
export interface CurrentPolicy {
  /** Policy name, managed policy ARN, or file name for a bare document. */
  name: string;
  kind: CurrentPolicyKind;
  /** File (and resource address) or API it was read from, for reports. */
  origin: string;
  document: PolicyDocument;
}

/** Everything the role carries today; `notes` says what could not be read or resolved. */
export interface CurrentPolicies {
  policies: CurrentPolicy[];
  /** Permissions boundary documents (empty: none). */
  boundary: CurrentPolicy[];
  notes: string[];
}

/** One input's policies, or the problems that make it unusable. */
export type ShapeResult = { ok: true; value: CurrentPolicies } | { ok: false; problems: string[] };
