import type { IamAction } from '../model/identifiers.ts';
import type { PolicyDocument, Statement } from '../model/policy.ts';
import { contentSid } from '../reduce/sid.ts';
import { statementActions, type ActionIndex } from './expand.ts';

/**
 * The current Allow statements cut down to the actions the evidence could not have seen: same
 * resources and conditions as today, so the kept grants are never wider than what the role holds.
 * Returns the proposal with them added (to its only document, else as one more document).
 */
export function keepNotVisible(
  proposed: readonly PolicyDocument[],
  current: readonly PolicyDocument[],
  actions: ReadonlySet<IamAction>,
  index: ActionIndex,
): PolicyDocument[] {
  if (actions.size === 0) return [...proposed];
  const kept = dedupe(current.flatMap((d) => d.Statement.flatMap((s) => cutDown(s, actions, index))));
  if (kept.length === 0) return [...proposed];
  if (proposed.length === 1) return [{ ...proposed[0]!, Statement: [...proposed[0]!.Statement, ...kept] }];
  return [...proposed, { Version: '2012-10-17', Statement: kept }];
}

function cutDown(s: Statement, actions: ReadonlySet<IamAction>, index: ActionIndex): Statement[] {
  if (s.Effect !== 'Allow') return [];
  const names = statementActions(s, index)
    .map((a) => a.action)
    .filter((a) => actions.has(a))
    .sort();
  if (names.length === 0) return [];
  const body: Statement = {
    Effect: 'Allow',
    Action: names,
    ...(s.NotResource ? { NotResource: s.NotResource } : { Resource: s.Resource ?? ['*'] }),
    ...(s.Condition ? { Condition: s.Condition } : {}),
  };
  return [{ Sid: `NotVisible${contentSid(body)}`, ...body }];
}

function dedupe(statements: Statement[]): Statement[] {
  const seen = new Map(statements.map((s) => [s.Sid, s]));
  return [...seen.values()].sort((a, b) => ((a.Sid ?? '') < (b.Sid ?? '') ? -1 : 1));
}
