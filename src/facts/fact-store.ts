import type { Fact } from '../model/fact.ts';
import type { Arn, ResourceSet } from '../model/identifiers.ts';
import type { EvidenceSource, Observation } from '../model/observation.ts';
import type { MaskedArn, ResourceMasker } from '../model/mask.ts';
import { HandleIndex, type Uncorrelated } from './handle-index.ts';

/** Raised when a run would hold more distinct facts than allowed (a crafted corpus cannot exhaust memory). */
export class FactLimitExceeded extends Error {
  override name = 'FactLimitExceeded';
}

export const DEFAULT_MAX_FACTS = 2_000_000;

/**
 * Aggregates observations into facts keyed by (principal, action, resources, context, outcome).
 * Memory grows with distinct facts, never with events. Stores from worker threads merge.
 * With a masker (generate with generalization on), per-request identifiers in resources are masked
 * as they arrive, so facts grow with distinct patterns rather than with distinct object keys.
 */
export class FactStore {
  readonly #facts = new Map<string, Fact>();
  /** principal -> action -> outcome -> resources -> context -> fact: finds a seen fact without
   * building its canonical key (add runs per observation; new facts are rare). */
  readonly #index: Index = new Map();
  readonly #maxFacts: number;
  readonly #mask: ResourceMasker | undefined;
  /** Calls naming only a handle, until {@link correlate}. */
  readonly handles = new HandleIndex();

  constructor(maxFacts = DEFAULT_MAX_FACTS, mask?: ResourceMasker) {
    this.#maxFacts = maxFacts;
    this.#mask = mask;
  }

  get size(): number {
    return this.#facts.size;
  }

  add(o: Observation): void {
    if (o.handle !== undefined && this.handles.hold(o as Observation & { handle: string })) return;
    if (o.binds && o.resources !== '*') this.handles.bind(o.principal, o.binds, o.resources);
    const { resources, masks } = this.#masked(o.action, o.resources);
    const leaf = leafOf(this.#index, o.principal, o.action, o.outcome, resources, o.context);
    const seen = leaf.map.get(leaf.key);
    // The hot path (a fact seen before) allocates nothing unless something new was seen.
    if (seen) {
      seen.count++;
      if (o.time < seen.firstSeen) seen.firstSeen = o.time;
      if (o.time > seen.lastSeen) seen.lastSeen = o.time;
      if (!seen.sources.includes(o.source)) seen.sources = [...seen.sources, o.source].sort();
      seen.inferred = seen.inferred && (o.inferred ?? false);
      if (masks)
        for (const m of masks) {
          addFound(seen, m.arn, m.found);
          if (m.variant) addVariants(seen, m.arn, [m.variant]);
        }
      return;
    }
    const key = factKey({ ...o, resources });
    const masked: Record<string, string[]> | undefined = masks && {};
    let variants: Record<string, string[]> | undefined;
    if (masks)
      for (const m of masks) {
        masked![m.arn] = m.found;
        if (m.variant) variants = mergeVariants(variants ?? {}, { [m.arn]: [m.variant] });
      }
    this.#merge(key, {
      principal: o.principal,
      action: o.action,
      resources,
      context: o.context,
      outcome: o.outcome,
      count: 1,
      firstSeen: o.time,
      lastSeen: o.time,
      sources: [o.source],
      inferred: o.inferred ?? false,
      ...(masked ? { masked } : {}),
      ...(variants ? { variants } : {}),
    });
    leaf.map.set(leaf.key, this.#facts.get(key)!);
  }

  #masked(action: string, resources: ResourceSet): { resources: ResourceSet; masks?: MaskedArn[] } {
    if (!this.#mask || resources === '*') return { resources };
    if (resources.length === 1) {
      const m = this.#mask(action, resources[0]!);
      return m ? { resources: [m.arn], masks: [m] } : { resources };
    }
    let masks: MaskedArn[] | undefined;
    const out: Arn[] = [];
    for (const arn of resources) {
      const m = this.#mask(action, arn);
      if (m) (masks ??= []).push(m);
      const kept = m ? m.arn : arn;
      if (!out.includes(kept)) out.push(kept);
    }
    return masks ? { resources: out, masks } : { resources };
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

  /**
   * Adds the calls held for a handle as facts, on the resources their own role's call bound to it
   * (else "*"), once every record has been read. Returns those left on "*", for the report.
   */
  correlate(): Uncorrelated[] {
    const { facts, uncorrelated } = this.handles.resolve();
    for (const fact of facts) this.addFact(fact);
    return uncorrelated;
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
      this.#facts.set(key, {
        ...incoming,
        sources: [...incoming.sources],
        ...(incoming.masked ? { masked: mergeMasked({}, incoming.masked) } : {}),
        ...(incoming.variants ? { variants: mergeVariants({}, incoming.variants) } : {}),
      });
      return;
    }
    existing.count += incoming.count;
    if (incoming.firstSeen < existing.firstSeen) existing.firstSeen = incoming.firstSeen;
    if (incoming.lastSeen > existing.lastSeen) existing.lastSeen = incoming.lastSeen;
    existing.sources = mergeSources(existing.sources, incoming.sources);
    existing.inferred = existing.inferred && incoming.inferred;
    if (incoming.masked) existing.masked = mergeMasked(existing.masked ?? {}, incoming.masked);
    if (incoming.variants) existing.variants = mergeVariants(existing.variants ?? {}, incoming.variants);
  }
}

type Index = Map<string, Map<string, Map<string, Map<string, Map<string, Fact>>>>>;

/** The index map holding a fact's entry, and its key there (created on the way). */
function leafOf(
  index: Index,
  principal: string,
  action: string,
  outcome: string,
  resources: ResourceSet,
  context: Record<string, string>,
): { map: Map<string, Fact>; key: string } {
  const byAction = child(index, principal);
  const byOutcome = child(byAction, action);
  const byResources = child(byOutcome, outcome);
  const map = child(byResources, resources === '*' ? '*' : lengthPrefixed(resources));
  const keys = Object.keys(context);
  if (keys.length > 1) keys.sort();
  let key = '';
  for (const k of keys) key += lengthPrefixed([k, context[k]!]);
  return { map, key };
}

function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let next = map.get(key);
  if (!next) map.set(key, (next = new Map()));
  return next;
}

/** An unambiguous join of untrusted strings (each prefixed with its length), cheaper than JSON. */
function lengthPrefixed(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) out += `${p.length}:${p}`;
  return out;
}

/** Adds the kinds found in one masked ARN to a fact (nothing is allocated when none is new). */
function addFound(fact: Fact, arn: string, found: readonly string[]): void {
  const have = fact.masked && Object.hasOwn(fact.masked, arn) ? fact.masked[arn] : undefined;
  if (have && found.every((f) => have.includes(f))) return;
  fact.masked = mergeMasked(fact.masked ?? {}, { [arn]: [...found] });
}

/** Unions the kinds found per masked ARN into `into` (in place: hot facts merge millions of times). */
function mergeMasked(
  into: Record<string, string[]>,
  from: Record<string, string[]>,
): Record<string, string[]> {
  for (const arn of Object.keys(from)) {
    const found = from[arn]!;
    const seen = Object.hasOwn(into, arn) ? into[arn]! : undefined;
    if (!seen) into[arn] = [...found];
    else if (found.some((f) => !seen.includes(f))) into[arn] = [...new Set([...seen, ...found])].sort();
  }
  return into;
}

/** Two distinct values prove variation; more are not kept (the smallest two: merge order is moot). */
const MAX_VARIANTS = 2;

function addVariants(fact: Fact, arn: string, variants: readonly string[]): void {
  const have = fact.variants && Object.hasOwn(fact.variants, arn) ? fact.variants[arn] : undefined;
  // The hot path: nothing new, or nothing smaller than the two kept.
  if (have && variants.every((v) => have.includes(v) || (have.length >= MAX_VARIANTS && v > have.at(-1)!)))
    return;
  fact.variants = mergeVariants(fact.variants ?? {}, { [arn]: [...variants] });
}

/** Unions the concrete ARNs per masked ARN into `into`, keeping the smallest {@link MAX_VARIANTS}. */
function mergeVariants(
  into: Record<string, string[]>,
  from: Record<string, string[]>,
): Record<string, string[]> {
  for (const arn of Object.keys(from)) {
    const seen = Object.hasOwn(into, arn) ? into[arn]! : [];
    into[arn] = [...new Set([...seen, ...from[arn]!])].sort().slice(0, MAX_VARIANTS);
  }
  return into;
}

function mergeSources(a: EvidenceSource[], b: EvidenceSource[]): EvidenceSource[] {
  return b.every((s) => a.includes(s)) ? a : [...new Set([...a, ...b])].sort();
}

/**
 * Identity of a fact; `inferred` and counts are not part of it. The JSON text of
 * `[principal, action, outcome, resources, [[contextKey, value], ...]]` (keys sorted), built piece
 * by piece. It orders facts canonically and keys them across threads.
 */
export function factKey(f: Pick<Fact, 'principal' | 'action' | 'resources' | 'context' | 'outcome'>): string {
  const keys = Object.keys(f.context);
  if (keys.length > 1) keys.sort();
  let context = '';
  for (const k of keys)
    context += `${context ? ',' : ''}[${JSON.stringify(k)},${JSON.stringify(f.context[k])}]`;
  return `[${JSON.stringify(f.principal)},${JSON.stringify(f.action)},${JSON.stringify(f.outcome)},${JSON.stringify(f.resources)},[${context}]]`;
}
