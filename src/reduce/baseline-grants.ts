import type { Fact } from '../model/fact.ts';
import { matchesPattern } from '../policy/wildcard.ts';
import { byCodeUnit, sortedUnique } from './compare.ts';
import { groupBy } from './group-by.ts';
import type { ActionGrant } from './action-grant.ts';

/**
 * Platform baseline facts -> one grant per action on exactly the baseline's resources: they are
 * already scoped patterns (`log-group:<group>:*`), so they are neither generalized nor conditioned.
 */
export function baselineGrants(facts: readonly Fact[]): ActionGrant[] {
  const byAction = groupBy(facts, (f) => f.action);
  return [...byAction.keys()].sort(byCodeUnit).map((action) => {
    const group = byAction.get(action) ?? [];
    const wildcard = group.some((f) => f.resources === '*');
    return {
      action,
      resources: wildcard
        ? ['*']
        : sortedUnique(group.flatMap((f) => (f.resources === '*' ? [] : f.resources))),
      condition: undefined,
      facts: group,
      generalizations: [],
      conditionNotes: [],
    };
  });
}

/**
 * Observed grants and baseline grants of one role together. An observed grant whose every resource a
 * baseline grant of the same action already covers is folded into it (its facts kept for --explain),
 * so the policy does not say the same thing twice. Sound with a condition too: the baseline grant has
 * none, so it allows every request the conditioned grant allowed. The baseline never takes the
 * observed condition (the function's own SQS calls through a VPC endpoint carry `aws:SourceVpce`;
 * Lambda's polling of the same queue does not).
 */
export function withBaselines(
  observed: readonly ActionGrant[],
  baseline: readonly ActionGrant[],
): ActionGrant[] {
  const byAction = new Map(baseline.map((b) => [b.action, { ...b, facts: [...b.facts] }]));
  const out: ActionGrant[] = [];
  for (const grant of observed) {
    const base = byAction.get(grant.action);
    if (base && grant.resources.every((r) => covers(base.resources, r))) base.facts.push(...grant.facts);
    else out.push(grant);
  }
  return [...out, ...byAction.values()].sort((a, b) => byCodeUnit(a.action, b.action));
}

/**
 * Is every request `resource` (itself a pattern) can match also matched by one of `patterns`? Checked
 * textually: sound when the covering pattern has no `?` (a `*` there matches any run, including the
 * other pattern's own wildcards).
 */
function covers(patterns: readonly string[], resource: string): boolean {
  return patterns.some(
    (p) =>
      p === '*' || (!p.includes('?') && matchesPattern(p, resource, { caseInsensitive: false }) === 'match'),
  );
}
