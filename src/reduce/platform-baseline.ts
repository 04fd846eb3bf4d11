import { escapeIamValue } from '../catalog/arn-template.ts';
import { platformBaselines, type PlatformBaseline } from '../catalog/platform-baselines.ts';
import type { LambdaFunction } from '../ingest/lambda-functions.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';

/** One baseline applied to one function, for the run report. */
export interface BaselineApplied {
  role: Arn;
  function: string;
  region: string;
  baseline: string;
  managedPolicy: string;
  why: string;
  /** How the role was known to be a Lambda role, and where the log group came from. */
  evidence: string[];
  grants: { actions: string[]; resource: string }[];
}

/**
 * The platform baselines of each known Lambda function, as inferred facts (no call behind them:
 * count 0, dated like the role's own facts). Resources are filled from the function's own region,
 * account and log group, never the managed policy's `*` unless the action has no resource-level
 * permission. Pure and deterministic: functions and baselines in a fixed order.
 */
export function baselineFacts(
  functions: readonly LambdaFunction[],
  roleFacts: ReadonlyMap<string, readonly Fact[]>,
): { facts: Fact[]; applied: BaselineApplied[] } {
  const facts: Fact[] = [];
  const applied: BaselineApplied[] = [];
  for (const f of functions) {
    const window = timeWindow(roleFacts.get(f.role) ?? []);
    for (const baseline of platformBaselines().filter((b) => applies(b, f))) {
      const grants = baseline.grants.flatMap((g) =>
        resourcesFor(g.resource, f).map((resource) => ({ actions: [...g.actions], resource })),
      );
      if (grants.length === 0) continue;
      applied.push({
        role: f.role,
        function: f.name,
        region: f.region,
        baseline: baseline.name,
        managedPolicy: baseline.managedPolicy,
        why: baseline.why,
        evidence: [...f.evidence, `log group ${f.logGroupFrom}`],
        grants,
      });
      for (const g of grants)
        for (const action of g.actions)
          facts.push({
            principal: f.role,
            action,
            resources: g.resource === '*' ? '*' : [g.resource as Arn],
            context: {},
            outcome: 'allowed',
            count: 0,
            ...window,
            sources: [],
            inferred: true,
            baseline: baseline.name,
          } as Fact);
    }
  }
  return { facts, applied };
}

function applies(baseline: PlatformBaseline, f: LambdaFunction): boolean {
  if (baseline.when === 'lambda') return true;
  if (baseline.when === 'tracing') return f.tracing;
  // VPC attachment and event source mappings are not known from the evidence read today.
  return false;
}

/** The template filled for one function: one resource per log group when it names one. */
function resourcesFor(template: string, f: LambdaFunction): string[] {
  if (template === '*') return ['*'];
  const envelope = template
    .replaceAll('${Partition}', f.partition)
    .replaceAll('${Region}', f.region)
    .replaceAll('${Account}', f.account);
  if (envelope.includes('${EventSourceArn}')) return [];
  if (!envelope.includes('${LogGroup}')) return [envelope];
  // Group names were checked against CloudWatch Logs' name format; escaping is belt and braces.
  return f.logGroups.map((g) => envelope.replaceAll('${LogGroup}', escapeIamValue(g)));
}

function timeWindow(facts: readonly Fact[]): { firstSeen: string; lastSeen: string } {
  let firstSeen = '';
  let lastSeen = '';
  for (const f of facts) {
    if (firstSeen === '' || f.firstSeen < firstSeen) firstSeen = f.firstSeen;
    if (f.lastSeen > lastSeen) lastSeen = f.lastSeen;
  }
  return { firstSeen, lastSeen };
}
