import type { IamAction } from '../model/identifiers.ts';
import type { FileProblem, IngestReport, Outcome } from '../model/observation.ts';
import type { BadRecordReason, SkipReason } from '../model/skip-reason.ts';
import type { RecordResult } from './record-result.ts';

const MAX_PROBLEMS = 1000;
/** Distinct (outcome, error code, action) rows listed; codes come from records, so the list is bounded. */
const MAX_ERROR_ROWS = 1000;

/** Calls that ended in an error, by what the code proves (data/error-codes.json). */
export interface ErrorCount {
  outcome: Exclude<Outcome, 'allowed'>;
  errorCode: string;
  action: IamAction;
  count: number;
}

/** A tally as plain data (what a worker thread sends back). */
export type TallyState = ReturnType<IngestTally['toReport']>;

/**
 * Counts an ingest so that nothing is dropped silently: every record lands in exactly one of
 * used / skipped (by reason) / unmapped, so `records = used + skipped + unmapped`.
 */
export class IngestTally {
  files = 0;
  records = 0;
  observations = 0;
  used = 0;
  readonly outcomes: Record<Outcome, number> = { allowed: 0, denied: 0, failed: 0, unknown: 0 };
  readonly #skipped = new Map<SkipReason, { count: number; example: string }>();
  readonly #unmapped = new Map<string, { eventSource: string; eventName: string; count: number }>();
  readonly #unresolved = new Map<
    IamAction,
    { count: number; example: string; reasons: Map<string, number> }
  >();
  readonly #errors = new Map<string, ErrorCount>();
  #errorsNotListed = 0;
  readonly #problems: FileProblem[] = [];
  #problemsDropped = 0;

  file(): void {
    this.files++;
  }

  problem(problem: FileProblem): void {
    if (this.#problems.length < MAX_PROBLEMS) this.#problems.push(problem);
    else this.#problemsDropped++;
  }

  get problemCount(): number {
    return this.#problems.length + this.#problemsDropped;
  }

  /** Counts one record's result; `where` is "file#index" for examples. */
  record(result: RecordResult, where: string): void {
    this.records++;
    if (result.kind === 'skipped') return this.skip(result.reason, `${where}: ${result.detail}`);
    if (result.kind === 'unmapped') return this.#addUnmapped(result.eventSource, result.eventName, 1);
    this.used++;
    this.observations += result.observations.length;
    for (const o of result.observations) {
      this.outcomes[o.outcome]++;
      if (o.outcome !== 'allowed' && o.errorCode !== undefined)
        this.#addError({ outcome: o.outcome, errorCode: o.errorCode, action: o.action, count: 1 });
    }
    for (const u of result.unresolved) {
      this.#addUnresolved(u.action, 1, `${where}: ${u.reason}`, [{ reason: u.reason, count: 1 }]);
    }
  }

  /** Calls found unresolved after parsing (a handle no call of the role returned): counted, not re-parsed. */
  unresolvedCall(action: IamAction, count: number, why: string): void {
    const reason = why.slice(why.indexOf(': ') + 2);
    this.#addUnresolved(action, count, why, [{ reason, count }]);
  }

  /** A record counted as skipped without being parsed (undecodable entry, too large, ...). */
  skip(reason: SkipReason, example: string, count = 1): void {
    const entry = this.#skipped.get(reason) ?? { count: 0, example };
    entry.count += count;
    // The smallest example, not the first: the same whatever the file or thread order.
    if (example < entry.example) entry.example = example;
    this.#skipped.set(reason, entry);
  }

  /** Counts a record skipped before parsing (bad entry in a file): it still counts as a record. */
  badRecord(reason: BadRecordReason, example: string): void {
    this.records++;
    this.skip(reason, example);
  }

  #addUnresolved(
    action: IamAction,
    count: number,
    example: string,
    reasons: readonly { reason: string; count: number }[],
  ): void {
    const entry = this.#unresolved.get(action) ?? { count: 0, example, reasons: new Map<string, number>() };
    entry.count += count;
    if (example < entry.example) entry.example = example;
    // Reasons come from the catalog data (variables, parameter names), so they are few per action.
    for (const r of reasons) entry.reasons.set(r.reason, (entry.reasons.get(r.reason) ?? 0) + r.count);
    this.#unresolved.set(action, entry);
  }

  #addError(e: ErrorCount): void {
    const key = JSON.stringify([e.outcome, e.errorCode, e.action]);
    const entry = this.#errors.get(key);
    if (entry) entry.count += e.count;
    else if (this.#errors.size < MAX_ERROR_ROWS) this.#errors.set(key, { ...e });
    else this.#errorsNotListed += e.count;
  }

  #addUnmapped(eventSource: string, eventName: string, count: number): void {
    const key = `${eventSource}\u0000${eventName}`;
    const entry = this.#unmapped.get(key) ?? { eventSource, eventName, count: 0 };
    entry.count += count;
    this.#unmapped.set(key, entry);
  }

  /** Adds another tally's counts (from a worker thread); the result does not depend on merge order. */
  merge(other: TallyState): void {
    this.files += other.files;
    this.records += other.records;
    this.observations += other.observations;
    this.used += other.used;
    for (const k of ['allowed', 'denied', 'failed', 'unknown'] as const)
      this.outcomes[k] += other.outcomes[k];
    for (const s of other.skipped) this.skip(s.reason, s.example ?? '', s.count);
    for (const u of other.unmapped) this.#addUnmapped(u.eventSource, u.eventName, u.count);
    for (const u of other.unresolvedResources) {
      this.#addUnresolved(u.action, u.count, u.example ?? '', u.reasons ?? []);
    }
    for (const e of other.errors) this.#addError(e);
    this.#errorsNotListed += other.errorsNotListed;
    for (const p of other.problems) this.problem(p);
    this.#problemsDropped += other.problemsNotListed;
  }

  toReport(): IngestReport & {
    outcomes: Record<Outcome, number>;
    errors: ErrorCount[];
    errorsNotListed: number;
    problemsNotListed: number;
  } {
    const sorted = <K extends string, T>(m: Map<K, T>) =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      files: this.files,
      records: this.records,
      observations: this.observations,
      used: this.used,
      outcomes: { ...this.outcomes },
      // Calls that failed after authorization (granted) and unknown errors (never granted), by code.
      errors: sorted(this.#errors).map(([, v]) => ({ ...v })),
      errorsNotListed: this.#errorsNotListed,
      skipped: sorted(this.#skipped).map(([reason, v]) => ({ reason, ...v })),
      unmapped: sorted(this.#unmapped).map(([, v]) => v),
      unresolvedResources: sorted(this.#unresolved).map(([action, v]) => ({
        action: action as IamAction,
        count: v.count,
        example: v.example,
        reasons: sorted(v.reasons).map(([reason, count]) => ({ reason, count })),
      })),
      problems: [...this.#problems].sort((a, b) =>
        a.file < b.file ? -1 : a.file > b.file ? 1 : (a.record ?? -1) - (b.record ?? -1),
      ),
      problemsNotListed: this.#problemsDropped,
    };
  }
}
