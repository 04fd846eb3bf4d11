import type { IamAction } from '../model/identifiers.ts';
import type { FileProblem, IngestReport, Outcome } from '../model/observation.ts';
import type { RecordResult } from './record-result.ts';

const MAX_PROBLEMS = 1000;

/**
 * Counts an ingest so that nothing is dropped silently: every record lands in exactly one of
 * used / skipped (by reason) / unmapped, so `records = used + skipped + unmapped`.
 */
export class IngestTally {
  files = 0;
  records = 0;
  observations = 0;
  used = 0;
  readonly outcomes: Record<Outcome, number> = { allowed: 0, denied: 0, failed: 0 };
  readonly #skipped = new Map<string, { count: number; example?: string }>();
  readonly #unmapped = new Map<string, { eventSource: string; eventName: string; count: number }>();
  readonly #unresolved = new Map<IamAction, { count: number; example: string }>();
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
    if (result.kind === 'unmapped') {
      const key = `${result.eventSource}\u0000${result.eventName}`;
      const entry = this.#unmapped.get(key) ?? { eventSource: result.eventSource, eventName: result.eventName, count: 0 };
      entry.count++;
      this.#unmapped.set(key, entry);
      return;
    }
    this.used++;
    this.observations += result.observations.length;
    for (const o of result.observations) this.outcomes[o.outcome]++;
    for (const u of result.unresolved) {
      const entry = this.#unresolved.get(u.action) ?? { count: 0, example: `${where}: ${u.reason}` };
      entry.count++;
      this.#unresolved.set(u.action, entry);
    }
  }

  /** A record counted as skipped without being parsed (undecodable entry, too large, ...). */
  skip(reason: string, example: string): void {
    const entry = this.#skipped.get(reason) ?? { count: 0, example };
    entry.count++;
    this.#skipped.set(reason, entry);
  }

  /** Counts a record skipped before parsing (bad entry in a file): it still counts as a record. */
  badRecord(reason: string, example: string): void {
    this.records++;
    this.skip(reason, example);
  }

  toReport(): IngestReport & { outcomes: Record<Outcome, number>; problemsNotListed: number } {
    const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      files: this.files,
      records: this.records,
      observations: this.observations,
      used: this.used,
      outcomes: { ...this.outcomes },
      skipped: sorted(this.#skipped).map(([reason, v]) => ({ reason, ...v })),
      unmapped: sorted(this.#unmapped).map(([, v]) => v),
      unresolvedResources: sorted(this.#unresolved).map(([action, v]) => ({ action: action as IamAction, ...v })),
      problems: [...this.#problems],
      problemsNotListed: this.#problemsDropped,
    };
  }
}
