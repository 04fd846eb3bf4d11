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
        resourcesFor(g.resource, f, baseline).map((resource) => ({ actions: [...g.actions], resource })),
      );
      if (grants.length === 0) continue;
      applied.push({
        role: f.role,
        function: f.name,
        region: f.region,
        baseline: baseline.name,
        managedPolicy: baseline.managedPolicy,
        why: baseline.why,
        evidence: [...f.evidence, `log group ${f.logGroupFrom}`, ...configEvidence(baseline, f)],
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
  if (baseline.when === 'vpc') return f.vpc !== undefined;
  return sourcesOf(baseline, f).length > 0;
}

/** The function's event sources a baseline polls: those of its service (`arn:aws:sqs:...`). */
function sourcesOf(baseline: PlatformBaseline, f: LambdaFunction): string[] {
  return (f.eventSources ?? []).filter((arn) => arn.split(':')[2] === baseline.eventSource);
}

/**
 * The template filled for one function: one resource per value of a list it names (log groups,
 * subnets, security groups, event sources). An ID known only as `*` stays a wildcard of its type.
 */
function resourcesFor(template: string, f: LambdaFunction, baseline: PlatformBaseline): string[] {
  if (template === '*') return ['*'];
  const envelope = template
    .replaceAll('${Partition}', f.partition)
    .replaceAll('${Region}', f.region)
    .replaceAll('${Account}', f.account);
  // Every value was checked against its service's name format at the edge and again on the way in;
  // escaping is belt and braces (a `*` ID is the wildcard on purpose).
  const fill = (name: string, values: readonly string[]) =>
    values.map((v) => envelope.replaceAll(name, v === '*' ? '*' : escapeIamValue(v)));
  if (envelope.includes('${EventSourceArn}')) return sourcesOf(baseline, f).map((arn) => escapeIamValue(arn));
  if (envelope.includes('${SubnetId}')) return fill('${SubnetId}', f.vpc?.subnets ?? []);
  if (envelope.includes('${SecurityGroupId}')) return fill('${SecurityGroupId}', f.vpc?.securityGroups ?? []);
  if (!envelope.includes('${LogGroup}')) return [envelope];
  return fill('${LogGroup}', f.logGroups);
}

/** What of the function's configuration a VPC or polling baseline rests on, for the report. */
function configEvidence(baseline: PlatformBaseline, f: LambdaFunction): string[] {
  if (baseline.when === 'vpc') return [`VpcConfig subnets ${(f.vpc?.subnets ?? []).join(', ')}`];
  if (baseline.when === 'event-source')
    return sourcesOf(baseline, f).map((arn) => `event source mapping ${arn}`);
  return [];
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
