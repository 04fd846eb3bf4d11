import type { IamAction } from '../model/identifiers.ts';
import type { PolicyDocument, Statement } from '../model/policy.ts';
import { statementActions, type ActionIndex, type CatalogAction } from './expand.ts';

/** What a set of policies grants one concrete action, ignoring conditions. */
export interface Grant {
  info: CatalogAction;
  /** Some Allow grants it on `"*"` (or through NotResource, which allows all but a few). */
  onStar: boolean;
  /** The Resource patterns of the Allow statements that name it (`*` for NotResource), sorted. */
  resources: string[];
}

export type Grants = ReadonlyMap<IamAction, Grant>;

/**
 * The concrete catalog actions some Allow statement matches (resource and conditions ignored), minus
 * those an unconditional Deny on `"*"` removes. With a permissions boundary, only actions both allow.
 * Conditional Denies and Denies on named resources remove nothing here: the evaluator judges those per call.
 */
export function grantedActions(
  policies: readonly PolicyDocument[],
  index: ActionIndex,
  boundary: readonly PolicyDocument[] = [],
): Grants {
  const grants = identityGrants(
    policies.flatMap((p) => p.Statement),
    index,
  );
  if (boundary.length === 0) return grants;
  const limit = identityGrants(
    boundary.flatMap((p) => p.Statement),
    index,
  );
  const out = new Map<IamAction, Grant>();
  for (const [action, grant] of grants) {
    const bound = limit.get(action);
    if (bound) out.set(action, { ...grant, onStar: grant.onStar && bound.onStar });
  }
  return out;
}

function identityGrants(statements: readonly Statement[], index: ActionIndex): Map<IamAction, Grant> {
  // Resources gather in a set and are sorted once: a policy with 20k statements naming the same
  // action was quadratic when each statement re-sorted the union so far (issue #19.10).
  const gathered = new Map<IamAction, { info: CatalogAction; onStar: boolean; resources: Set<string> }>();
  // A statement with neither Resource nor NotResource matches no request (the evaluator agrees, and
  // IAM refuses such an identity policy): it grants nothing, rather than every action on "*".
  for (const s of statements.filter((st) => st.Effect === 'Allow' && (st.Resource ?? st.NotResource))) {
    const resources = s.Resource ?? ['*'];
    const onStar = s.NotResource !== undefined || resources.includes('*');
    for (const info of statementActions(s, index)) {
      const prior = gathered.get(info.action);
      if (!prior) {
        gathered.set(info.action, { info, onStar, resources: new Set(resources) });
        continue;
      }
      prior.info = info;
      prior.onStar ||= onStar;
      for (const r of resources) prior.resources.add(r);
    }
  }
  for (const s of statements.filter(unconditionalDenyOnStar))
    for (const info of statementActions(s, index)) gathered.delete(info.action);
  const grants = new Map<IamAction, Grant>();
  for (const [action, g] of gathered) grants.set(action, { ...g, resources: [...g.resources].sort() });
  return grants;
}

function unconditionalDenyOnStar(s: Statement): boolean {
  return s.Effect === 'Deny' && s.Condition === undefined && (s.Resource ?? []).includes('*');
}

/** How many granted actions are on `"*"`. */
export function countOnStar(grants: Grants): number {
  let n = 0;
  for (const g of grants.values()) if (g.onStar) n++;
  return n;
}
