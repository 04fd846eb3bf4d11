import { unescapeIamValue } from '../catalog/arn-template.ts';
import type { Fact } from '../model/fact.ts';
import type { IamAction } from '../model/identifiers.ts';
import type { PolicyDocument } from '../model/policy.ts';
import { evaluateRequest, type Decision } from '../policy/evaluate.ts';
import type { ActionIndex } from './expand.ts';
import type { NotGranted, UsedAction } from './types.ts';

const SEVERITY: readonly Decision[] = ['allowed', 'conditional', 'implicit-deny', 'explicit-deny'];

/** The less permissive of two decisions. */
export function worse(a: Decision, b: Decision): Decision {
  return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;
}

/** The policies a decision is taken against: identity policies and an optional boundary. */
export interface PolicySet {
  policies: readonly PolicyDocument[];
  boundary: readonly PolicyDocument[];
}

/**
 * The evaluator's decision for one fact's resource (fact resources are escaped IAM values). A resource
 * the evidence names only as a pattern (a secret's unknown suffix, `-??????`) is evaluated as such:
 * allowed only if the policies allow everything it may be, `conditional` (unknown) if only some of it.
 */
export function decide(set: PolicySet, fact: Fact, resource: string): Decision {
  const pattern = isResourcePattern(resource);
  return evaluateRequest(
    set.policies,
    {
      action: fact.action,
      resource: resource === '*' || pattern ? resource : unescapeIamValue(resource),
      context: fact.context,
      ...(pattern ? { resourceIsPattern: true } : {}),
    },
    set.boundary.length > 0 ? { boundary: set.boundary } : {},
  ).decision;
}

/** An escaped fact resource with a wildcard of its own (`*`, `?` outside `${*}` `${?}` `${$}`); not `*` alone. */
export function isResourcePattern(resource: string): boolean {
  return resource !== '*' && /[*?]/.test(resource.replace(/\$\{[*?$]\}/g, ''));
}

/**
 * Per used action (successful calls and calls that failed after authorization, inferred companions
 * included): calls and the worst current decision.
 */
export function usedActions(set: PolicySet, facts: readonly Fact[], index: ActionIndex): UsedAction[] {
  const levels = new Map(index.all.map((a) => [a.action, a.accessLevel]));
  const out = new Map<IamAction, UsedAction>();
  for (const fact of facts.filter((f) => f.outcome === 'allowed' || f.outcome === 'failed')) {
    const decision = resourcesOf(fact)
      .map((r) => decide(set, fact, r))
      .reduce(worse, 'allowed');
    const prior = out.get(fact.action);
    out.set(fact.action, {
      action: fact.action,
      accessLevel: levels.get(fact.action) ?? 'Unknown',
      calls: (prior?.calls ?? 0) + fact.count,
      current: worse(prior?.current ?? 'allowed', decision),
    });
  }
  return [...out.values()].sort((a, b) => compare(a.action, b.action));
}

/**
 * Calls the current policies do not simply allow: successful calls they would refuse (or allow only
 * under conditions the evidence cannot confirm), and every AccessDenied call in the logs.
 */
export function notGranted(set: PolicySet, facts: readonly Fact[]): NotGranted[] {
  const out = new Map<string, NotGranted>();
  for (const fact of facts) {
    // An unknown error proves nothing about the permission: it is listed by the report, not here.
    if (fact.outcome === 'unknown') continue;
    for (const resource of resourcesOf(fact)) {
      const current = decide(set, fact, resource);
      if (fact.outcome !== 'denied' && current === 'allowed') continue;
      const key = `${fact.action}\u0000${resource}\u0000${fact.outcome}`;
      const prior = out.get(key);
      out.set(key, {
        action: fact.action,
        resource,
        outcome: fact.outcome,
        calls: (prior?.calls ?? 0) + fact.count,
        current: worse(prior?.current ?? 'allowed', current),
        ...(isResourcePattern(resource) ? { resourcePattern: true as const } : {}),
      });
    }
  }
  return [...out.values()].sort(
    (a, b) => compare(a.action, b.action) || compare(a.resource, b.resource) || compare(a.outcome, b.outcome),
  );
}

function resourcesOf(fact: Fact): string[] {
  return fact.resources === '*' ? ['*'] : fact.resources;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
