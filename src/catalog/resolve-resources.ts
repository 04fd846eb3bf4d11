import type { Arn } from '../model/identifiers.ts';
import type { Catalog } from './catalog.ts';
import { compileTemplate, fillTemplate, refitArn, type ArnTemplate } from './arn-template.ts';
import { parameterSources, wildcardWhenUnresolved, type ParameterSource } from './parameter-sources.ts';
import { typesReplacedBy } from './resource-alternatives.ts';
import { missingReason, templateAssignments } from './template-assignments.ts';
import type { ActionInfo } from './service-info.ts';

/** What a record offers to build the resource ARNs of one action. All strings are untrusted. */
export interface ResourceInputs {
  partition: string;
  region: string;
  account: string;
  /** Request parameters (CloudTrail requestParameters, X-Ray aws.* params in camelCase). */
  params: Readonly<Record<string, unknown>>;
  /** ARNs the record lists itself (CloudTrail resources[].ARN). */
  recordArns: readonly string[];
  /** Per-action parameter renames from the event rules (e.g. ReEncryptTo's KeyId <- destinationKeyId). */
  paramRenames?: Readonly<Record<string, string | readonly string[]>>;
}

export type Resolution =
  | { kind: 'resolved'; resources: Arn[] }
  /** The action has no resource-level permissions: `"*"` is exact, not a failure. */
  | { kind: 'wildcard-only' }
  | { kind: 'unresolved'; reason: string }
  /** A value the record gives is not a valid ARN or name: the call is rejected, never widened to "*". */
  | { kind: 'malformed'; reason: string };

interface Candidate {
  /** Resource type key, lower case. */
  type: string;
  template: ArnTemplate;
  required: boolean;
  /** Per template variable, the parameters that may hold it (none for the envelope), without renames. */
  sources: readonly (readonly ParameterSource[])[];
  /** Required types a resolved ARN of this type stands in for (data/resource-alternatives.json). */
  replaces: readonly string[];
}

/** What resolving an action needs from the catalog, worked out once per action. */
interface ActionPlan {
  candidates: readonly Candidate[];
}

// Per catalog, per action (the action objects are the catalog's own, so this stays as small as it).
const plans = new WeakMap<Catalog, WeakMap<ActionInfo, ActionPlan>>();

function actionPlan(catalog: Catalog, action: ActionInfo): ActionPlan {
  let byAction = plans.get(catalog);
  if (!byAction) plans.set(catalog, (byAction = new WeakMap()));
  let plan = byAction.get(action);
  if (!plan) {
    const candidates = action.resourceTypes.flatMap((rt): Candidate[] => {
      const info = catalog.resourceType(action.service, rt.name);
      if (!info) return [];
      const template = compileTemplate(info.arn);
      const sources = template.variables.map((v) =>
        isEnvelope(v) ? [] : parameterSources(action.action, v),
      );
      const replaces = typesReplacedBy(action.action, rt.name);
      return [{ type: rt.name, template, required: rt.required, sources, replaces }];
    });
    plan = { candidates };
    byAction.set(action, plan);
  }
  return plan;
}

/**
 * Builds the ARNs an action is authorized against: one per resource type the action requires (IAM
 * checks each, e.g. ec2:DetachVolume's volume and ec2:AttachVolume's instance and volume), plus the
 * optional types the record names. Prefers the record's own ARNs when they fit a resource type;
 * otherwise fills the type's template from the parameters. A required type the record does not
 * identify leaves the call unresolved (granted on "*", reported), never on a partial list.
 */
export function resolveResources(catalog: Catalog, action: ActionInfo, inputs: ResourceInputs): Resolution {
  if (action.resourceTypes.length === 0) return { kind: 'wildcard-only' };
  const { candidates } = actionPlan(catalog, action);
  const results = candidates.map((c) => resolveOne(c, action, inputs));
  // Types a resolved alternative stands in for (dynamodb:Query on an index needs no table ARN).
  let replaced: Set<string> | undefined;
  results.forEach((result, i) => {
    const { replaces } = candidates[i]!;
    if ('arns' in result && replaces.length > 0) for (const t of replaces) (replaced ??= new Set()).add(t);
  });
  const arns: Arn[] = [];
  let missing: string | undefined;
  let malformed: string | undefined;
  for (let i = 0; i < results.length; i++) {
    const candidate = candidates[i]!;
    const result = results[i]!;
    if (replaced?.has(candidate.type)) continue;
    if ('arns' in result) arns.push(...result.arns);
    else if ('malformed' in result) {
      // A malformed required value rejects the call; a malformed optional one only when nothing resolves.
      if (candidate.required) return { kind: 'malformed', reason: result.malformed };
      malformed ??= result.malformed;
    } else if (candidate.required) missing ??= result.reason;
  }
  if (missing !== undefined) {
    if (arns.length === 0 && malformed) return { kind: 'malformed', reason: malformed };
    return { kind: 'unresolved', reason: missing };
  }
  if (arns.length > 0) return { kind: 'resolved', resources: arns.length > 1 ? [...new Set(arns)] : arns };
  if (malformed) return { kind: 'malformed', reason: malformed };
  // Only actions whose types are all optional reach here: their ordinary calls may name no resource.
  return wildcardWhenUnresolved(action.action)
    ? { kind: 'wildcard-only' }
    : { kind: 'unresolved', reason: 'no resource type of the action could be built from the record' };
}

function resolveOne(
  candidate: Candidate,
  action: ActionInfo,
  inputs: ResourceInputs,
): { arns: Arn[] } | { reason: string } | { malformed: string } {
  const { template } = candidate;
  const fromRecord = recordArnsFitting(template, inputs.recordArns);
  if (fromRecord) return { arns: fromRecord };

  const { variables } = template;
  const renames = inputs.paramRenames;
  const sources = renames
    ? variables.map((variable, i) =>
        isEnvelope(variable)
          ? []
          : renames[variable]
            ? parameterSources(action.action, variable, renames)
            : candidate.sources[i]!,
      )
    : candidate.sources;
  const envelope = { Partition: inputs.partition, Region: inputs.region, Account: inputs.account };
  const assignments = templateAssignments(template, sources, inputs.params, envelope);
  if ('malformed' in assignments || 'reason' in assignments) return assignments;
  const arns: Arn[] = [];
  for (const values of assignments.values) {
    const filled = fillTemplate(template, values);
    if ('missing' in filled) return { reason: missingReason(template, filled.missing, sources) };
    if ('invalid' in filled) return { malformed: `invalid ${filled.invalid} for ${template.text}` };
    arns.push(filled.arn as Arn);
  }
  return { arns: arns.length > 1 ? [...new Set(arns)].sort() : arns };
}

/** The record's own ARNs that fit the template (rebuilt, sorted, distinct), or undefined when none do. */
function recordArnsFitting(template: ArnTemplate, recordArns: readonly string[]): Arn[] | undefined {
  let fitting: Arn[] | undefined;
  for (let i = 0; i < recordArns.length; i++) {
    const filled = refitArn(template, recordArns[i]!);
    if (filled !== undefined) (fitting ??= []).push(filled as Arn);
  }
  return fitting && fitting.length > 1 ? [...new Set(fitting)].sort() : fitting;
}

function isEnvelope(variable: string): boolean {
  return variable === 'Partition' || variable === 'Region' || variable === 'Account';
}
