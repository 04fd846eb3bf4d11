import { ESCALATION_ACTIONS } from '../catalog/escalation.ts';
import type { ActionIndex } from '../diff/expand.ts';
import { grantedActions, type Grants } from '../diff/grants.ts';
import type { AccessLevel } from '../diff/types.ts';
import type { CurrentPolicies } from '../current/types.ts';
import type { IamAction } from '../model/identifiers.ts';

export const ACCESS_LEVELS: readonly AccessLevel[] = [
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
];

/** Action counts, with how many are on `"*"` and per access level. */
export interface ActionCounts {
  actions: number;
  onStar: number;
  byLevel: Record<AccessLevel, number>;
}

/** A policy statement that grants a whole service, or everything, on `"*"`. */
export interface BroadGrant {
  policy: string;
  kind: 'admin' | 'service-wildcard';
  /** The action patterns that make it broad (`*`, `s3:*`, `NotAction ...`). */
  patterns: string[];
}

/** An escalation-capable action the role is granted. */
export interface EscalationGrant {
  action: IamAction;
  onStar: boolean;
  used: boolean;
  methods: readonly string[];
}

export interface RolePrivilege {
  granted: ActionCounts;
  used: number;
  unused: ActionCounts;
  /** Used actions the current policies do not grant by any Allow (the evidence shows more than IAM holds). */
  usedNotGranted: IamAction[];
  broad: BroadGrant[];
  escalation: EscalationGrant[];
  /** Unused privilege, weighted (docs/audit.md): the second factor of the ranking. */
  unusedWeight: number;
}

/** Weight of one unused action by access level; doubled on "*"; escalation adds ESCALATION_WEIGHT. */
export const LEVEL_WEIGHT: Readonly<Record<AccessLevel, number>> = {
  List: 1,
  Read: 1,
  Tagging: 1,
  Write: 2,
  'Permissions management': 4,
};
export const ESCALATION_WEIGHT = 25;

/**
 * What the role's current policies grant (catalog actions, as diff expands them), against the
 * actions its evidence used. Conditions are ignored, so grants are counted as IAM could allow them at
 * most. Pure.
 */
export function rolePrivilege(
  current: CurrentPolicies,
  usedActions: ReadonlySet<string>,
  index: ActionIndex,
): RolePrivilege {
  const grants = grantedActions(
    current.policies.map((p) => p.document),
    index,
    current.boundary.map((p) => p.document),
  );
  const used = new Set([...usedActions].map((a) => a.toLowerCase()));
  const unusedGrants = new Map([...grants].filter(([a]) => !used.has(a.toLowerCase())));
  const grantedLower = new Set([...grants.keys()].map((a) => a.toLowerCase()));
  const escalation = escalationGrants(grants, used);
  let unusedWeight = 0;
  for (const g of unusedGrants.values())
    unusedWeight += LEVEL_WEIGHT[g.info.accessLevel] * (g.onStar ? 2 : 1);
  unusedWeight += escalation.filter((e) => !e.used).length * ESCALATION_WEIGHT;
  return {
    granted: counts(grants),
    used: [...grants.keys()].filter((a) => used.has(a.toLowerCase())).length,
    unused: counts(unusedGrants),
    usedNotGranted: [...usedActions].filter((a) => !grantedLower.has(a.toLowerCase())).sort() as IamAction[],
    broad: broadGrants(current),
    escalation,
    unusedWeight,
  };
}

function counts(grants: Grants): ActionCounts {
  const byLevel = Object.fromEntries(ACCESS_LEVELS.map((l) => [l, 0])) as Record<AccessLevel, number>;
  let onStar = 0;
  for (const g of grants.values()) {
    byLevel[g.info.accessLevel]++;
    if (g.onStar) onStar++;
  }
  return { actions: grants.size, onStar, byLevel };
}

function escalationGrants(grants: Grants, used: ReadonlySet<string>): EscalationGrant[] {
  return ESCALATION_ACTIONS.flatMap((e) => {
    const g = grants.get(e.action);
    if (!g || (e.onStarOnly && !g.onStar)) return [];
    return [
      { action: e.action, onStar: g.onStar, used: used.has(e.action.toLowerCase()), methods: e.methods },
    ];
  });
}

function broadGrants(current: CurrentPolicies): BroadGrant[] {
  const out: BroadGrant[] = [];
  for (const p of current.policies)
    for (const s of p.document.Statement) {
      if (s.Effect !== 'Allow' || !(s.NotResource !== undefined || (s.Resource ?? []).includes('*')))
        continue;
      if (s.NotAction)
        out.push({ policy: p.name, kind: 'admin', patterns: s.NotAction.map((a) => `NotAction ${a}`) });
      const actions = s.Action ?? [];
      if (actions.some((a) => /^\*+$/.test(a))) out.push({ policy: p.name, kind: 'admin', patterns: ['*'] });
      else {
        const wild = actions.filter((a) => /^[^:]+:\*+$/.test(a));
        if (wild.length > 0) out.push({ policy: p.name, kind: 'service-wildcard', patterns: wild });
      }
    }
  return out;
}
