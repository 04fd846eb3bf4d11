import type { Fact } from '../model/fact.ts';
import { collectEvidence, type EvidenceDeps, type EvidenceOptions } from './evidence.ts';
import { explainNoRoles } from './why-empty.ts';

export interface RoleSummary {
  principal: string;
  calls: number;
  allowed: number;
  denied: number;
  /** Calls that ended in an error other than a refusal (failed after authorization, or unknown). */
  failed: number;
  actions: number;
  firstSeen: string;
  lastSeen: string;
}

export interface RoleList {
  roles: RoleSummary[];
  /** When no role made a call: why, from the counts (an empty listing, a window past the data, ...). */
  whyEmpty?: string;
}

/** The roles seen in the evidence with their call counts, so users know what to pass to --role. */
export async function listRoles(options: EvidenceOptions, deps: EvidenceDeps): Promise<RoleList> {
  const { store, tally } = await collectEvidence(options, deps);
  const roles = summarize(store.facts());
  return roles.length > 0 ? { roles } : { roles, whyEmpty: explainNoRoles(options, tally.toReport()) };
}

export function summarize(facts: readonly Fact[]): RoleSummary[] {
  const byRole = new Map<string, RoleSummary & { actionSet: Set<string> }>();
  for (const f of facts) {
    const s = byRole.get(f.principal) ?? {
      principal: f.principal,
      calls: 0,
      allowed: 0,
      denied: 0,
      failed: 0,
      actions: 0,
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      actionSet: new Set<string>(),
    };
    s.calls += f.count;
    s[f.outcome === 'unknown' ? 'failed' : f.outcome] += f.count;
    s.actionSet.add(f.action);
    if (f.firstSeen < s.firstSeen) s.firstSeen = f.firstSeen;
    if (f.lastSeen > s.lastSeen) s.lastSeen = f.lastSeen;
    byRole.set(f.principal, s);
  }
  return [...byRole.values()]
    .map(({ actionSet, ...s }) => ({ ...s, actions: actionSet.size }))
    .sort((a, b) => b.calls - a.calls || (a.principal < b.principal ? -1 : 1));
}
