import type { Arn, IamAction } from '../model/identifiers.ts';
import type { PolicyDocument } from '../model/policy.ts';
import type { CurrentPolicyKind } from '../current/types.ts';
import type { Decision } from '../policy/evaluate.ts';

/** IAM's access levels, as the Service Authorization Reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** A used action: how often, and what the current policies decide for it (the worst decision seen). */
export interface UsedAction {
  action: IamAction;
  accessLevel: AccessLevel | 'Unknown';
  calls: number;
  current: Decision;
}

/** Granted today, never used: one group per service, access level and resource scope. */
export interface UnusedGroup {
  service: string;
  accessLevel: AccessLevel;
  /** `*`: some statement grants it on every resource; `scoped`: only on named resources. */
  scope: '*' | 'scoped';
  actions: IamAction[];
}

/** A call seen in the evidence that the current policies do not simply allow. */
export interface NotGranted {
  action: IamAction;
  resource: string;
  /** What the logs say happened. */
  /** allowed: succeeded; failed: authorized, then failed (the permission is needed); denied: refused. */
  outcome: 'allowed' | 'failed' | 'denied';
  calls: number;
  /** What the current policies decide for it now. */
  current: Decision;
  /**
   * The evidence names the resource only as this pattern (a secret's random suffix is not logged):
   * `conditional` then means the current policies allow some of what it may be, so the verdict is unknown.
   */
  resourcePattern?: true;
}

/** Same actions, fewer resources: current resource patterns -> the proposal's. */
export interface Narrowing {
  actions: IamAction[];
  before: string[];
  after: string[];
}

/** A dangerous grant, counted before and after. */
export interface RiskCount {
  risk: 'pass-role-star' | 'assume-role-star' | 'iam-write' | 'permissions-management' | 'write-star';
  description: string;
  before: number;
  after: number;
}

/** The privilege-reduction figures. */
export interface ReductionSummary {
  before: { actions: number; onStar: number };
  after: { actions: number; onStar: number };
  risks: RiskCount[];
  /** Granted today and never seen: unused, and not visible in this evidence (counted apart). */
  unused: number;
  notVisible: number;
  /** Platform baseline grants in the proposal (inferred, no call behind them). */
  inferred: number;
}

/** A granted action the evidence could not have recorded: kept (by default), with the reason. */
export interface NotVisible {
  action: IamAction;
  /** `data-event`: CloudTrail logs it only when the trail enables that data-event type; `not-recorded`: never. */
  kind: 'data-event' | 'not-recorded';
  resourceType?: string;
  reason: string;
  /** The visibility fact is inferred from the docs, not a complete list from AWS. */
  inferred: boolean;
}

/** A CloudTrail data-event type the role's grants touch, and whether the evidence holds any event of it. */
export interface DataEventCoverage {
  resourceType: string;
  label: string;
  seen: boolean;
}

/** A platform baseline grant in the proposal (no call behind it) and what the current policies decide. */
export interface InferredGrant {
  action: IamAction;
  resource: string;
  baseline: string;
  current: Decision;
}

/** The comparison of one role's current policies with the proposal and the evidence: data only. */
export interface RoleDiff {
  role: Arn;
  /** True when the proposal differs from what the role carries (for `--exit-code`). */
  changed: boolean;
  current: { policies: { name: string; kind: CurrentPolicyKind; origin: string }[]; notes: string[] };
  summary: ReductionSummary;
  used: UsedAction[];
  unused: UnusedGroup[];
  narrowing: Narrowing[];
  notGranted: NotGranted[];
  /** Granted today, not seen, and not visible in this evidence; kept in the proposal unless dropped. */
  notVisible: NotVisible[];
  /** Whether the not-visible grants were kept in `proposed`. */
  keptNotVisible: boolean;
  /** Data-event types the current and proposed grants touch, and which the evidence lacked. */
  dataEvents: DataEventCoverage[];
  inferred: InferredGrant[];
  proposed: PolicyDocument[];
}
