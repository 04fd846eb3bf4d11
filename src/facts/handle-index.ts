import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import type { EvidenceSource, Observation, Outcome } from '../model/observation.ts';

/** Calls waiting for a handle's resources, aggregated like facts (memory grows with distinct handles). */
interface Pending {
  principal: Arn;
  action: Fact['action'];
  handle: string;
  context: Record<string, string>;
  outcome: Outcome;
  sources: EvidenceSource[];
  count: number;
  firstSeen: string;
  lastSeen: string;
  inferred: boolean;
}

/** What a worker thread sends back: plain data, merged in any order with the same result. */
export interface HandleState {
  pending: [string, Pending][];
  bindings: [string, Arn[]][];
  /** Calls that came when the index was full, per action (they keep "*"). */
  overflow: [string, number][];
}

/** A pending call no call of its own role bound: kept on "*", reported with the reason. */
export interface Uncorrelated {
  action: Fact['action'];
  handle: string;
  count: number;
}

/** Most distinct handles held (pending or bound); past it a call keeps "*" and is reported. */
export const MAX_HANDLES = 200_000;

/**
 * Correlation within a role: a call that names only a handle (an Athena query ID) gets the resources
 * of the call of the same principal that returned it (StartQueryExecution's workgroup). Never across
 * principals. Pure; the result does not depend on the order observations or states arrive in.
 */
export class HandleIndex {
  readonly #pending = new Map<string, Pending>();
  readonly #bindings = new Map<string, Set<Arn>>();
  readonly #overflow = new Map<string, number>();
  readonly #max: number;

  constructor(max = MAX_HANDLES) {
    this.#max = max;
  }

  get size(): number {
    return this.#pending.size + this.#bindings.size;
  }

  /** Holds a call naming only a handle; false when the index is full (the caller keeps it on "*"). */
  hold(o: Observation & { handle: string }): boolean {
    const key = JSON.stringify([o.principal, o.action, o.handle, o.outcome, sortedContext(o.context)]);
    const seen = this.#pending.get(key);
    if (seen) {
      seen.count++;
      if (o.time < seen.firstSeen) seen.firstSeen = o.time;
      if (o.time > seen.lastSeen) seen.lastSeen = o.time;
      if (!seen.sources.includes(o.source)) seen.sources = [...seen.sources, o.source].sort();
      seen.inferred &&= o.inferred ?? false;
      return true;
    }
    if (this.size >= this.#max) {
      this.#overflow.set(o.action, (this.#overflow.get(o.action) ?? 0) + 1);
      return false;
    }
    this.#pending.set(key, {
      principal: o.principal,
      action: o.action,
      handle: o.handle,
      context: o.context,
      outcome: o.outcome,
      sources: [o.source],
      count: 1,
      firstSeen: o.time,
      lastSeen: o.time,
      inferred: o.inferred ?? false,
    });
    return true;
  }

  /** Records that `principal`'s call returned these handles for these resources. */
  bind(principal: Arn, handles: readonly string[], resources: readonly Arn[]): void {
    for (const handle of handles) {
      const key = JSON.stringify([principal, handle]);
      let set = this.#bindings.get(key);
      if (!set) {
        if (this.size >= this.#max) continue;
        this.#bindings.set(key, (set = new Set()));
      }
      for (const arn of resources) set.add(arn);
    }
  }

  state(): HandleState {
    return {
      pending: [...this.#pending.entries()],
      bindings: [...this.#bindings.entries()].map(([k, v]) => [k, [...v]]),
      overflow: [...this.#overflow.entries()],
    };
  }

  merge(state: HandleState): void {
    for (const [key, p] of state.pending) {
      const seen = this.#pending.get(key);
      if (!seen) {
        this.#pending.set(key, { ...p, sources: [...p.sources] });
        continue;
      }
      seen.count += p.count;
      if (p.firstSeen < seen.firstSeen) seen.firstSeen = p.firstSeen;
      if (p.lastSeen > seen.lastSeen) seen.lastSeen = p.lastSeen;
      seen.sources = [...new Set([...seen.sources, ...p.sources])].sort();
      seen.inferred &&= p.inferred;
    }
    for (const [action, n] of state.overflow)
      this.#overflow.set(action, (this.#overflow.get(action) ?? 0) + n);
    for (const [key, arns] of state.bindings) {
      let set = this.#bindings.get(key);
      if (!set) this.#bindings.set(key, (set = new Set()));
      for (const arn of arns) set.add(arn);
    }
  }

  /**
   * Turns every held call into a fact: on its handle's resources when its own principal bound them,
   * else on "*" (listed as uncorrelated, sorted). Empties the index.
   */
  resolve(): { facts: Fact[]; uncorrelated: Uncorrelated[] } {
    const facts: Fact[] = [];
    const uncorrelated: Uncorrelated[] = [];
    for (const [, p] of [...this.#pending.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const bound = this.#bindings.get(JSON.stringify([p.principal, p.handle]));
      const resources = bound && bound.size > 0 ? [...bound].sort() : '*';
      if (resources === '*') uncorrelated.push({ action: p.action, handle: p.handle, count: p.count });
      const { handle: _handle, ...fact } = p;
      facts.push({ ...fact, resources });
    }
    for (const [action, count] of [...this.#overflow.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      uncorrelated.push({ action: action as Fact['action'], handle: 'overflow:', count });
    }
    this.#pending.clear();
    this.#bindings.clear();
    this.#overflow.clear();
    return { facts, uncorrelated };
  }
}

function sortedContext(context: Record<string, string>): [string, string][] {
  return Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
