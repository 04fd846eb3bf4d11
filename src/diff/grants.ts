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
  const grants = new Map<IamAction, Grant>();
  // A statement with neither Resource nor NotResource matches no request (the evaluator agrees, and
  // IAM refuses such an identity policy): it grants nothing, rather than every action on "*".
  for (const s of statements.filter((st) => st.Effect === 'Allow' && (st.Resource ?? st.NotResource))) {
    const resources = s.Resource ?? ['*'];
    const onStar = s.NotResource !== undefined || resources.includes('*');
    for (const info of statementActions(s, index)) {
      const prior = grants.get(info.action);
      grants.set(info.action, {
        info,
        onStar: onStar || (prior?.onStar ?? false),
        resources: [...new Set([...(prior?.resources ?? []), ...resources])].sort(),
      });
    }
  }
  for (const s of statements.filter(unconditionalDenyOnStar))
    for (const info of statementActions(s, index)) grants.delete(info.action);
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
