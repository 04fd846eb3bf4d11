import type { IamAction } from '../model/identifiers.ts';
import type { Grants } from './grants.ts';
import type { Narrowing } from './types.ts';

/**
 * For each action both grant, the current Resource patterns against the proposal's, when they differ.
 * Actions with the same before/after pair share one entry. Sorted by first action.
 */
export function narrowings(before: Grants, after: Grants): Narrowing[] {
  const groups = new Map<string, Narrowing>();
  for (const [action, proposed] of after) {
    const current = before.get(action);
    if (!current || sameList(current.resources, proposed.resources)) continue;
    const key = JSON.stringify([current.resources, proposed.resources]);
    const group = groups.get(key) ?? { actions: [], before: current.resources, after: proposed.resources };
    group.actions.push(action);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, actions: [...g.actions].sort() as IamAction[] }))
    .sort((a, b) => (a.actions[0]! < b.actions[0]! ? -1 : 1));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
