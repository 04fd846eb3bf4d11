import { Prng } from '../scripts/lib/prng.ts';
import { noiseRecord } from './corpus-noise.ts';
import type { CorpusParams, FilePlan } from './corpus-plan.ts';
import { functionRecord, maybeError } from './corpus-records.ts';
import { benchRoles, pickCall, type BenchRole } from './corpus-roles.ts';

/** The function roles of one region, with cumulative weights to pick from. */
interface RegionRoles {
  roles: BenchRole[];
  cumulative: number[];
}

/** Builds the per-region role tables once for a corpus (files reuse them). */
export function regionRoles(params: CorpusParams): Map<string, RegionRoles> {
  const byRegion = new Map<string, RegionRoles>();
  for (const role of benchRoles(params.seed, params.roles)) {
    const entry = byRegion.get(role.region) ?? { roles: [], cumulative: [] };
    const last = entry.cumulative.at(-1) ?? 0;
    entry.roles.push(role);
    entry.cumulative.push(last + role.weight);
    byRegion.set(role.region, entry);
  }
  return byRegion;
}

function pickRole(rng: Prng, table: RegionRoles): BenchRole {
  const r = rng.next() * table.cumulative.at(-1)!;
  const i = table.cumulative.findIndex((c) => r < c);
  return table.roles[i < 0 ? 0 : i]!;
}

/** One file's `{"Records":[...]}` text: deterministic in the plan (its seed) and the corpus params. */
export function fileText(plan: FilePlan, params: CorpusParams, tables: Map<string, RegionRoles>): string {
  const rng = new Prng(plan.seed);
  const table = tables.get(plan.region) ?? [...tables.values()][0]!;
  const times = Array.from({ length: plan.records }, () => plan.stampMs - 300_000 + rng.int(300_000)).sort(
    (a, b) => a - b,
  );
  const records = times.map((t) => {
    const role = pickRole(rng, table);
    if (rng.next() < params.noiseShare) return noiseRecord(rng, t, plan.region, role);
    const call = pickCall(rng, role);
    return functionRecord(rng, role, call, t, maybeError(rng, role, call));
  });
  return JSON.stringify({ Records: records });
}
