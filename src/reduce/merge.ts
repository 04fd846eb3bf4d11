import type { Statement } from '../model/policy.ts';
import { byCodeUnit, sortedUnique } from './compare.ts';
import { groupBy } from './group-by.ts';
import { contentSid } from './sid.ts';

/** A statement of the merged list and the positions (in the input) of the statements it came from. */
export interface MergedStatement {
  statement: Statement;
  from: number[];
}

/**
 * The one merge rule of the reducer (after aws-cdk's merge-statements, stated here once):
 * - statements with the same Effect, the same Resource (or NotResource) list and the same Condition
 *   become one, its Action the sorted union of theirs: a request matches the union exactly when it
 *   matches one of them, so no decision changes;
 * - a statement with NotAction, or without Action, is never merged (a union of NotAction lists
 *   would allow more);
 * - a statement merged with none is returned as it is (its Sid kept); a merged one gets the Sid of
 *   its content (see {@link contentSid});
 * - the result is in canonical order (Action, Resource, Condition, code-unit order), and merging it
 *   again changes nothing (one pass reaches the fixpoint: the keys of merged statements are theirs).
 * Each result says which input statements it came from (`from`, ascending), for --explain.
 */
export function mergeStatements(statements: readonly Statement[]): MergedStatement[] {
  const groups = groupBy(
    statements.map((statement, i) => ({ statement, i })),
    ({ statement: s, i }) =>
      s.Action === undefined || s.NotAction !== undefined
        ? `#${i}`
        : JSON.stringify([s.Effect, s.Resource ?? null, s.NotResource ?? null, s.Condition ?? null]),
  );
  const merged = [...groups.values()].map((group): MergedStatement => {
    const from = group.map((g) => g.i);
    if (group.length === 1) return { statement: group[0]!.statement, from };
    const { Sid: _sid, Action: _action, ...first } = group[0]!.statement;
    const body: Statement = {
      Effect: first.Effect,
      Action: sortedUnique(group.flatMap((g) => g.statement.Action ?? [])),
      ...withoutEffect(first),
    };
    return { statement: { Sid: contentSid(body), ...body }, from };
  });
  return merged.sort((a, b) => byCodeUnit(orderKey(a.statement), orderKey(b.statement)));
}

/** The statement's fields after Effect and Action, in their order (Resource, Condition, ...). */
function withoutEffect(s: Omit<Statement, 'Sid' | 'Action'>): Omit<Statement, 'Sid' | 'Action' | 'Effect'> {
  const { Effect: _effect, ...rest } = s;
  return rest;
}

function orderKey(s: Statement): string {
  return JSON.stringify([
    s.Action ?? s.NotAction ?? null,
    s.Resource ?? s.NotResource ?? null,
    s.Condition ?? null,
  ]);
}
