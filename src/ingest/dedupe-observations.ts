import type { Observation } from '../model/observation.ts';

/** One observation per (action, resources) of a single call: a call that maps twice counts once. */
export function dedupeObservations(observations: Observation[]): Observation[] {
  // Nearly every call maps to one or two actions: compare pairwise instead of building keys.
  if (observations.length < 2) return observations;
  if (observations.length <= 8) return observations.filter((o, i) => !seenBefore(observations, o, i));
  const seen = new Set<string>();
  return observations.filter((o) => {
    const key = `${o.action}\u0000${JSON.stringify(o.resources)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function seenBefore(observations: readonly Observation[], o: Observation, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const earlier = observations[i]!;
    if (earlier.action === o.action && sameResources(earlier.resources, o.resources)) return true;
  }
  return false;
}

/** Equal as JSON (what the key above compares): strings and string lists compare directly. */
function sameResources(a: Observation['resources'], b: Observation['resources']): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (Array.isArray(a) && Array.isArray(b) && allStrings(a) && allStrings(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function allStrings(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return false;
  return true;
}
