import type { ArnSplitter } from '../catalog/resource-split.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import { POLICY_VERSION, type PolicyDocument, type Statement } from '../model/policy.ts';
import { baselineGrants, withBaselines } from './baseline-grants.ts';
import { byCodeUnit, sortedUnique } from './compare.ts';
import { conditionsFor, type ConditionNote } from './conditions.ts';
import type { ActionGrant } from './action-grant.ts';
import { generalizeResources, type Generalization, type ResourceEvidence } from './generalize.ts';
import { DEFAULT_REDUCE_OPTIONS, selectsFact, type ReduceOptions } from './options.ts';
import { groupBy } from './group-by.ts';
import { demaskFacts } from './demask.ts';
import { mergeStatements } from './merge.ts';
import { contentSid } from './sid.ts';
import { verifyPolicy } from './verify.ts';

/** Why a statement exists: the facts behind it and what was done to them. */
export interface StatementExplanation {
  sid: string;
  calls: number;
  firstSeen: string;
  lastSeen: string;
  sources: string[];
  /** Per action: its calls, of which `authorizedFailures` failed after authorization; `baseline`: the
   * platform baselines that grant the action (see platform-baselines.json). */
  actions: {
    action: string;
    calls: number;
    authorizedFailures: number;
    inferred: boolean;
    baseline?: string[];
  }[];
  generalizations: Generalization[];
  conditions: ConditionNote[];
}

export interface ReduceResult {
  principal: Arn;
  policy: PolicyDocument;
  explain: StatementExplanation[];
  /** `authorizedFailures`: calls allowed because they failed after authorization (counted in `calls`). */
  stats: { facts: number; calls: number; authorizedFailures: number; actions: number; statements: number };
}

export type { ActionGrant } from './action-grant.ts';

/**
 * One principal's facts -> the least policy that allows every selected fact.
 * Merge rule (merge.ts): actions share a statement exactly when their resource lists and conditions are equal.
 * The result is verified with the IAM evaluator; a failure is a bug (InternalError).
 */
export function reducePrincipal(
  principal: Arn,
  facts: readonly Fact[],
  options: ReduceOptions = DEFAULT_REDUCE_OPTIONS,
  split?: ArnSplitter,
): ReduceResult {
  // A mask made at ingest from one value only is undone here (safe mode needs two values).
  const selected = demaskFacts(facts.filter((f) => f.principal === principal && selectsFact(options, f)));
  const grants = actionGrants(selected, options, split);
  const statements = mergeGrants(grants);
  const policy: PolicyDocument = { Version: POLICY_VERSION, Statement: statements.map((s) => s.statement) };
  verifyPolicy(policy, selected);
  return {
    principal,
    policy,
    explain: statements.map((s) => s.explanation),
    stats: {
      facts: selected.length,
      calls: selected.reduce((n, f) => n + f.count, 0),
      authorizedFailures: failedCalls(selected),
      actions: grants.length,
      statements: statements.length,
    },
  };
}

function actionGrants(facts: Fact[], options: ReduceOptions, split: ArnSplitter | undefined): ActionGrant[] {
  const platform = facts.filter((f) => f.baseline !== undefined);
  const observed = observedGrants(
    platform.length > 0 ? facts.filter((f) => f.baseline === undefined) : facts,
    options,
    split,
  );
  return platform.length > 0 ? withBaselines(observed, baselineGrants(platform)) : observed;
}

function observedGrants(
  facts: Fact[],
  options: ReduceOptions,
  split: ArnSplitter | undefined,
): ActionGrant[] {
  const byAction = groupBy(facts, (f) => f.action);
  return [...byAction.keys()].sort(byCodeUnit).map((action) => {
    const group = byAction.get(action) ?? [];
    const wildcard = group.some((f) => f.resources === '*');
    const evidence = resourceEvidence(group);
    const generalized = wildcard
      ? { resources: ['*'], generalizations: [] }
      : generalizeResources(action, [...evidence.keys()].sort(), options, split, evidence);
    const { condition, notes } = options.conditions
      ? conditionsFor(action, group, generalized.resources)
      : { condition: undefined, notes: [] };
    return {
      action,
      resources: generalized.resources,
      condition,
      facts: group,
      generalizations: generalized.generalizations,
      conditionNotes: notes,
    };
  });
}

/** Each concrete resource of one action's facts: its calls, and what was masked in it at ingest. */
function resourceEvidence(facts: readonly Fact[]): Map<string, ResourceEvidence> {
  const out = new Map<string, ResourceEvidence>();
  for (const f of facts) {
    if (f.resources === '*') continue;
    for (const arn of f.resources) {
      const seen = out.get(arn);
      const masked = f.masked && Object.hasOwn(f.masked, arn) ? f.masked[arn] : undefined;
      const found =
        seen?.masked && masked ? sortedUnique([...seen.masked, ...masked]) : (seen?.masked ?? masked);
      out.set(arn, { calls: (seen?.calls ?? 0) + f.count, ...(found ? { masked: found } : {}) });
    }
  }
  return out;
}

/** One statement per action's grant, merged by the one rule (merge.ts); each explained by its grants. */
function mergeGrants(grants: ActionGrant[]): { statement: Statement; explanation: StatementExplanation }[] {
  const single = grants.map((g): Statement => {
    const body: Statement = {
      Effect: 'Allow',
      Action: [g.action],
      Resource: g.resources,
      ...(g.condition ? { Condition: g.condition } : {}),
    };
    return { Sid: contentSid(body), ...body };
  });
  return mergeStatements(single).map(({ statement, from }) => ({
    statement,
    explanation: explain(
      statement.Sid!,
      from.map((i) => grants[i]!),
    ),
  }));
}

function explain(sid: string, group: ActionGrant[]): StatementExplanation {
  // One pass over the facts (a statement may stand for 100k of them): sums, range, sources.
  let calls = 0;
  let firstSeen: string | undefined;
  let lastSeen: string | undefined;
  const sources = new Set<string>();
  for (const g of group) {
    for (const f of g.facts) {
      calls += f.count;
      if (firstSeen === undefined || f.firstSeen < firstSeen) firstSeen = f.firstSeen;
      if (lastSeen === undefined || f.lastSeen > lastSeen) lastSeen = f.lastSeen;
      for (const source of f.sources) sources.add(source);
    }
  }
  return {
    sid,
    calls,
    firstSeen: firstSeen ?? '',
    lastSeen: lastSeen ?? '',
    sources: sortedUnique(sources),
    actions: group.map(actionNote),
    generalizations: group.flatMap((g) => g.generalizations),
    conditions: foldNotes(group.flatMap((g) => g.conditionNotes)),
  };
}

function actionNote(g: ActionGrant): StatementExplanation['actions'][number] {
  let calls = 0;
  let authorizedFailures = 0;
  let inferred = true;
  const baselines = new Set<string>();
  for (const f of g.facts) {
    calls += f.count;
    if (f.outcome === 'failed') authorizedFailures += f.count;
    if (!f.inferred) inferred = false;
    if (f.baseline) baselines.add(f.baseline);
  }
  const baseline = sortedUnique(baselines);
  return {
    action: g.action,
    calls,
    authorizedFailures,
    inferred,
    ...(baseline.length > 0 ? { baseline } : {}),
  };
}

function failedCalls(facts: readonly Fact[]): number {
  return facts.reduce((n, f) => (f.outcome === 'failed' ? n + f.count : n), 0);
}

/** One note per condition of the statement, over all its actions. */
function foldNotes(notes: ConditionNote[]): ConditionNote[] {
  const byKey = new Map<string, ConditionNote>();
  for (const n of notes) {
    const key = JSON.stringify([n.operator, n.key, n.values]);
    const seen = byKey.get(key);
    if (seen) byKey.set(key, { ...seen, action: `${seen.action}, ${n.action}`, calls: seen.calls + n.calls });
    else byKey.set(key, n);
  }
  return [...byKey.values()];
}
