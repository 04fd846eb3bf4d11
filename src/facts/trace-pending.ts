import { DEFAULT_MAX_FACTS, FactLimitExceeded, FactStore } from './fact-store.ts';
import type { Arn } from '../model/identifiers.ts';
import type { SkipReason } from '../model/skip-reason.ts';
import { skipped } from '../ingest/record-result.ts';
import type { RoleLookup, RoleSource } from '../ingest/function-roles.ts';
import { IngestTally } from '../ingest/tally.ts';
import type { CallResult, TraceSubject } from '../ingest/trace-call.ts';
import type { TraceCallSink } from '../ingest/trace-feed.ts';

/** What became of one traced function's calls. */
export interface TracedFunction {
  name: string;
  functionArn?: string;
  /** Calls (records) seen for it. */
  records: number;
  role?: Arn;
  via?: RoleSource;
  /** Why no role was found (the calls are then counted as skipped `unresolved-function`). */
  unresolved?: string;
}

interface Bucket {
  subject: TraceSubject | undefined;
  facts: FactStore;
  tally: IngestTally;
}

/**
 * Trace observations held per function until every source is read and the function's role is known.
 * Memory grows with distinct facts per function, never with events: calls are aggregated on arrival.
 */
export class PendingTraces implements TraceCallSink {
  readonly #buckets = new Map<string, Bucket>();
  readonly #direct = new IngestTally();
  readonly #maxFacts: number;
  #facts = 0;

  constructor(maxFacts = DEFAULT_MAX_FACTS) {
    this.#maxFacts = maxFacts;
  }

  /** Counts one call's result for its function and keeps its observations. */
  add(subject: TraceSubject | undefined, result: CallResult, where: string): void {
    const bucket = this.#bucket(subject);
    if (result.kind === 'trace-skipped')
      return bucket.tally.record(skipped(result.reason, result.detail), where);
    bucket.tally.record(result, where);
    if (result.kind !== 'observations') return;
    const before = bucket.facts.size;
    for (const o of result.observations) bucket.facts.add(o);
    this.#facts += bucket.facts.size - before;
    if (this.#facts > this.#maxFacts)
      throw new FactLimitExceeded(`more than ${this.#maxFacts} distinct facts`);
  }

  /** Counts trace records that hold no AWS call (inferred segments, non-AWS spans, ...): whoever made them. */
  skip(reason: SkipReason, example: string, count = 1): void {
    countAs(this.#direct, reason, example, count);
  }

  /** The functions seen, in a stable order. */
  subjects(): TraceSubject[] {
    return this.#sorted().flatMap((b) => (b.subject ? [b.subject] : []));
  }

  /**
   * Moves each function's facts into `store` under its role (when `roleOf` finds one and the role is
   * selected) and its counts into `tally`; calls of other functions are counted as skipped.
   */
  attribute(
    roleOf: (subject: TraceSubject) => RoleLookup,
    into: { store: FactStore; tally: IngestTally; selectRole: (role: string) => boolean },
  ): TracedFunction[] {
    into.tally.merge(this.#direct.toReport());
    return this.#sorted().map((bucket) => {
      const records = bucket.tally.records;
      const name = bucket.subject?.name ?? '(no function named in the trace)';
      const fn: TracedFunction = {
        name,
        ...(bucket.subject?.functionArn ? { functionArn: bucket.subject.functionArn } : {}),
        records,
      };
      const lookup: RoleLookup = bucket.subject
        ? roleOf(bucket.subject)
        : { kind: 'unresolved', reason: 'the trace names no function; give the segment a function ARN' };
      if (lookup.kind === 'unresolved') {
        countAs(into.tally, 'unresolved-function', `${name}: ${lookup.reason}`, records);
        return { ...fn, unresolved: lookup.reason };
      }
      if (!into.selectRole(lookup.role))
        countAs(into.tally, 'role-not-selected', `${name}: ${lookup.role}`, records);
      else {
        for (const fact of bucket.facts) into.store.addFact({ ...fact, principal: lookup.role });
        into.tally.merge(bucket.tally.toReport());
      }
      return { ...fn, role: lookup.role, via: lookup.via };
    });
  }

  #bucket(subject: TraceSubject | undefined): Bucket {
    const key = subject ? (subject.functionArn ?? `${subject.account ?? ''}/${subject.name}`) : '';
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { subject, facts: new FactStore(this.#maxFacts), tally: new IngestTally() };
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  #sorted(): Bucket[] {
    return [...this.#buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
  }
}

function countAs(tally: IngestTally, reason: SkipReason, example: string, records: number): void {
  if (records === 0) return;
  tally.records += records;
  tally.skip(reason, example, records);
}
