import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';

/**
 * Safe mode's evidence rule for masks made at ingest: a masked ARN stands only when the facts show
 * at least two distinct concrete values behind it (per principal and action); one value proves no
 * variation, so the fact gets its concrete ARN back. Facts without variants are returned as they are.
 */
export function demaskFacts(facts: Fact[]): Fact[] {
  const seen = new Map<string, Set<string>>();
  for (const f of facts) {
    if (!f.variants) continue;
    for (const [arn, values] of Object.entries(f.variants)) {
      const key = JSON.stringify([f.principal, f.action, arn]);
      const set = seen.get(key) ?? new Set<string>();
      values.forEach((v) => set.add(v));
      seen.set(key, set);
    }
  }
  if (seen.size === 0) return facts;
  return facts.map((f) => {
    if (!f.variants || f.resources === '*') return f;
    const single = new Map<string, string>();
    for (const arn of Object.keys(f.variants)) {
      const values = seen.get(JSON.stringify([f.principal, f.action, arn]))!;
      if (values.size === 1) single.set(arn, [...values][0]!);
    }
    return single.size === 0 ? f : restored(f, single);
  });
}

function restored(f: Fact, single: ReadonlyMap<string, string>): Fact {
  const resources = [...new Set((f.resources as readonly Arn[]).map((r) => (single.get(r) ?? r) as Arn))];
  const masked = without(f.masked, single);
  const variants = without(f.variants, single);
  const { masked: _m, variants: _v, ...rest } = f;
  return { ...rest, resources, ...(masked ? { masked } : {}), ...(variants ? { variants } : {}) };
}

function without(
  record: Record<string, string[]> | undefined,
  drop: ReadonlyMap<string, string>,
): Record<string, string[]> | undefined {
  if (!record) return undefined;
  const kept = Object.entries(record).filter(([arn]) => !drop.has(arn));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
