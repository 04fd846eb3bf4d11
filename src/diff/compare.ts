import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import type { PolicyDocument } from '../model/policy.ts';
import { decide, notGranted, usedActions, type PolicySet } from './decisions.ts';
import { keepNotVisible } from './keep-not-visible.ts';
import { evidenceView } from './visibility.ts';
import type { ActionIndex } from './expand.ts';
import { countOnStar, grantedActions, type Grants } from './grants.ts';
import { narrowings } from './narrowing.ts';
import { countRisks } from './risks.ts';
import type { InferredGrant, RoleDiff, UnusedGroup } from './types.ts';
import type { CurrentPolicies } from '../current/types.ts';

/** What the comparison needs: one role, what it carries, what is proposed, and what it did. */
export interface CompareInput {
  role: Arn;
  current: CurrentPolicies;
  /** The generated policy as delivered (one document, or several managed policies). */
  proposed: readonly PolicyDocument[];
  /** The role's facts, every outcome. Other principals' facts are ignored. */
  facts: readonly Fact[];
  /** Every catalog action (load all services first). */
  index: ActionIndex;
  /** Keep granted actions the evidence could not have seen in the proposal (default true). */
  keepNotVisible?: boolean;
}

/**
 * Compares one role's current policies with the proposal, exactly: decisions come from the evaluator,
 * grants from expanding patterns over the catalog. Pure; the same input gives the same output.
 */
export function compareRole(input: CompareInput): RoleDiff {
  const roleFacts = input.facts.filter((f) => f.principal === input.role);
  // Platform baseline facts are grants with no call behind them: listed as inferred, not as used.
  const facts = roleFacts.filter((f) => f.baseline === undefined);
  const set: PolicySet = {
    policies: input.current.policies.map((p) => p.document),
    boundary: input.current.boundary.map((p) => p.document),
  };
  const before = grantedActions(set.policies, input.index, set.boundary);
  const used = usedActions(set, facts, input.index);
  const generated = grantedActions(input.proposed, input.index);
  const seenNames = new Set<string>([...used.map((u) => u.action), ...generated.keys()]);
  const view = evidenceView(facts);
  const notVisible = [...before.keys()]
    .filter((a) => !seenNames.has(a))
    .sort()
    .flatMap((a) => view.notVisible(a) ?? []);
  const keep = input.keepNotVisible ?? true;
  const proposed = keep
    ? keepNotVisible(input.proposed, set.policies, new Set(notVisible.map((n) => n.action)), input.index)
    : [...input.proposed];
  const after = keep ? grantedActions(proposed, input.index) : generated;
  const usedNames = new Set<string>([...seenNames, ...notVisible.map((n) => n.action)]);
  const missing = notGranted(set, facts);
  const unused = unusedGroups(before, usedNames);
  const narrowing = narrowings(before, after);
  const inferred = inferredGrants(set, roleFacts);
  const summary = {
    before: { actions: before.size, onStar: countOnStar(before) },
    after: { actions: after.size, onStar: countOnStar(after) },
    risks: countRisks(before, after),
    unused: unused.reduce((n, g) => n + g.actions.length, 0),
    notVisible: notVisible.length,
    inferred: inferred.length,
  };
  const changed =
    unused.length > 0 ||
    narrowing.length > 0 ||
    missing.some((m) => m.outcome !== 'denied') ||
    summary.before.actions !== summary.after.actions ||
    summary.before.onStar !== summary.after.onStar;
  return {
    role: input.role,
    changed,
    current: {
      policies: [...input.current.policies, ...input.current.boundary].map(({ name, kind, origin }) => ({
        name,
        kind,
        origin,
      })),
      notes: input.current.notes,
    },
    summary,
    used,
    unused,
    narrowing,
    notGranted: missing,
    notVisible,
    keptNotVisible: keep,
    dataEvents: view.coverage([...before.keys(), ...after.keys()]),
    inferred,
    proposed,
  };
}

/** The proposal's platform baseline grants, each with what the current policies decide for it. */
function inferredGrants(set: PolicySet, facts: readonly Fact[]): InferredGrant[] {
  const out = new Map<string, InferredGrant>();
  for (const f of facts) {
    if (f.baseline === undefined) continue;
    for (const resource of f.resources === '*' ? ['*'] : f.resources)
      out.set(`${f.action}\u0000${resource}`, {
        action: f.action,
        resource,
        baseline: f.baseline,
        current: decide(set, f, resource),
      });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

function unusedGroups(before: Grants, used: ReadonlySet<string>): UnusedGroup[] {
  const groups = new Map<string, UnusedGroup>();
  for (const grant of before.values()) {
    if (used.has(grant.info.action)) continue;
    const scope = grant.onStar ? '*' : 'scoped';
    const key = `${grant.info.service}\u0000${grant.info.accessLevel}\u0000${scope}`;
    const group = groups.get(key) ?? {
      service: grant.info.service,
      accessLevel: grant.info.accessLevel,
      scope,
      actions: [],
    };
    group.actions.push(grant.info.action);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, actions: [...g.actions].sort() }))
    .sort((a, b) => compareKeys([a.service, a.accessLevel, a.scope], [b.service, b.accessLevel, b.scope]));
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
