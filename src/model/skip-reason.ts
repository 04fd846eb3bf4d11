/**
 * The one vocabulary of skip reasons: why a record (or trace call) gave no observation. Reports, the
 * tally, `--strict` and the function-role rule all read this table, so a new reason is added here once.
 *
 * - `bad`: the record itself was bad (not merely not wanted): `--strict` fails on it.
 * - `wellFormedSession`: the record is still a valid role session (only not wanted here), so it may
 *   teach a traced function's role (see ingest/function-roles.ts).
 */
const SKIP_REASONS = {
  'not-an-object': { bad: true, wellFormedSession: false },
  'malformed-record': { bad: true, wellFormedSession: false },
  'malformed-resource': { bad: true, wellFormedSession: false },
  'invalid-principal': { bad: true, wellFormedSession: false },
  'record-too-large': { bad: true, wellFormedSession: false },
  'invalid-utf8': { bad: true, wellFormedSession: false },
  'not-an-api-call': { bad: false, wellFormedSession: false },
  // Lambda's own AssumeRole record (an AWSService identity): functionRoleFromRecord checks it further.
  'not-a-role-session': { bad: false, wellFormedSession: true },
  'role-not-selected': { bad: false, wellFormedSession: true },
  'outside-time-window': { bad: false, wellFormedSession: true },
  permissionless: { bad: false, wellFormedSession: true },
  'no-aws-call': { bad: false, wellFormedSession: false },
  // Trace-only: an X-Ray segment X-Ray inferred, a call with no region or no resource in the trace,
  // a traced function no role could be found for.
  'inferred-segment': { bad: false, wellFormedSession: false },
  'no-region': { bad: false, wellFormedSession: false },
  'resource-not-in-trace': { bad: false, wellFormedSession: false },
  'unresolved-function': { bad: false, wellFormedSession: false },
} as const satisfies Record<string, { bad: boolean; wellFormedSession: boolean }>;

/** Why a record gave no observation; counted by reason in every report. */
export type SkipReason = keyof typeof SKIP_REASONS;

type ReasonWhere<K extends 'bad' | 'wellFormedSession'> = {
  [R in SkipReason]: (typeof SKIP_REASONS)[R][K] extends true ? R : never;
}[SkipReason];

/** A reason that means the record was bad: `--strict` fails on any of them. */
export type BadRecordReason = ReasonWhere<'bad'>;

/** A skip that still means a well-formed role session (another role, outside the window, ...). */
export type WellFormedSkipReason = ReasonWhere<'wellFormedSession'>;

const ALL = Object.keys(SKIP_REASONS) as SkipReason[];

/** Every skip reason, in table order. */
export const SKIP_REASON_NAMES: readonly SkipReason[] = ALL;

/** The bad-record reasons, in table order (for messages and docs). */
export const BAD_RECORD_REASONS: readonly BadRecordReason[] = ALL.filter(
  (r): r is BadRecordReason => SKIP_REASONS[r].bad,
);

/** Whether a report's reason (a plain string once read back) is one of the bad-record reasons. */
export function isBadRecordReason(reason: string): reason is BadRecordReason {
  return Object.hasOwn(SKIP_REASONS, reason) && SKIP_REASONS[reason as SkipReason].bad;
}

/** Whether a skip still means a well-formed role session. */
export function isWellFormedSkip(reason: SkipReason): reason is WellFormedSkipReason {
  return SKIP_REASONS[reason].wellFormedSession;
}
