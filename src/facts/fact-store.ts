import type { Fact } from '../model/fact.ts';
import type { EvidenceSource, Observation } from '../model/observation.ts';

/** Raised when a run would hold more distinct facts than allowed (a crafted corpus cannot exhaust memory). */
export class FactLimitExceeded extends Error {
  override name = 'FactLimitExceeded';
}

export const DEFAULT_MAX_FACTS = 2_000_000;

/**
 * Aggregates observations into facts keyed by (principal, action, resources, context, outcome).
 * Memory grows with distinct facts, never with events. Stores from worker threads merge.
 */
export class FactStore {
  readonly #facts = new Map<string, Fact>();
  readonly #maxFacts: number;

  constructor(maxFacts = DEFAULT_MAX_FACTS) {
    this.#maxFacts = maxFacts;
  }

  get size(): number {
    return this.#facts.size;
  }

  add(o: Observation): void {
    this.#merge(factKey(o), {
      principal: o.principal,
      action: o.action,
      resources: o.resources,
      context: o.context,
      outcome: o.outcome,
      count: 1,
      firstSeen: o.time,
      lastSeen: o.time,
      sources: [o.source],
      inferred: o.inferred ?? false,
    });
  }

  addFact(fact: Fact): void {
    this.#merge(factKey(fact), fact);
  }

  mergeFrom(other: Iterable<Fact>): void {
    for (const fact of other) this.addFact(fact);
  }

  /** Facts with their keys, so another store (another thread) can merge them without re-keying. */
  entries(): [string, Fact][] {
    return [...this.#facts.entries()];
  }

  /** Merges keyed facts from {@link entries}; same result as `mergeFrom`, cheaper. */
  mergeEntries(entries: Iterable<readonly [string, Fact]>): void {
    for (const [key, fact] of entries) this.#merge(key, fact);
  }

  /** Facts in canonical order (by key), so everything downstream is deterministic. */
  facts(): Fact[] {
    return [...this.#facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
  }

  [Symbol.iterator](): IterableIterator<Fact> {
    return this.#facts.values();
  }

  #merge(key: string, incoming: Fact): void {
    const existing = this.#facts.get(key);
    if (!existing) {
      if (this.#facts.size >= this.#maxFacts) {
        throw new FactLimitExceeded(`more than ${this.#maxFacts} distinct facts`);
      }
      this.#facts.set(key, { ...incoming, sources: [...incoming.sources] });
      return;
    }
    existing.count += incoming.count;
    if (incoming.firstSeen < existing.firstSeen) existing.firstSeen = incoming.firstSeen;
    if (incoming.lastSeen > existing.lastSeen) existing.lastSeen = incoming.lastSeen;
    existing.sources = mergeSources(existing.sources, incoming.sources);
    existing.inferred = existing.inferred && incoming.inferred;
  }
}

function mergeSources(a: EvidenceSource[], b: EvidenceSource[]): EvidenceSource[] {
  return [...new Set([...a, ...b])].sort();
}

/** Identity of a fact; `inferred` and counts are not part of it. */
export function factKey(f: Pick<Fact, 'principal' | 'action' | 'resources' | 'context' | 'outcome'>): string {
  const context = Object.keys(f.context)
    .sort()
    .map((k) => [k, f.context[k]]);
  return JSON.stringify([f.principal, f.action, f.outcome, f.resources, context]);
}
