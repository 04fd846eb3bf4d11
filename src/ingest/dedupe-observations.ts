import type { Observation } from '../model/observation.ts';

/** One observation per (action, resources) of a single call: a call that maps twice counts once. */
export function dedupeObservations(observations: Observation[]): Observation[] {
  const seen = new Set<string>();
  return observations.filter((o) => {
    const key = `${o.action}\u0000${JSON.stringify(o.resources)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
