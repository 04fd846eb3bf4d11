import type { Arn } from '../model/identifiers.ts';
import type { Catalog } from './catalog.ts';
import {
  compileTemplate,
  fillTemplate,
  matchTemplate,
  MAX_ARN_LENGTH,
  type ArnTemplate,
  type TemplateValue,
} from './arn-template.ts';
import { parameterSources, wildcardWhenUnresolved } from './parameter-sources.ts';
import { VALUE_TRANSFORMS } from './resource-values.ts';
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
  paramRenames?: Readonly<Record<string, string>>;
}

export type Resolution =
  | { kind: 'resolved'; resources: Arn[] }
  /** The action has no resource-level permissions: `"*"` is exact, not a failure. */
  | { kind: 'wildcard-only' }
  | { kind: 'unresolved'; reason: string }
  /** A value the record gives is not a valid ARN or name: the call is rejected, never widened to "*". */
  | { kind: 'malformed'; reason: string };

// arn:partition:service:region:account:resource, with the shapes IAM accepts for each part.
const WELL_FORMED_ARN = /^arn:aws(?:-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|aws)?:.+$/s;

interface Candidate {
  template: ArnTemplate;
  required: boolean;
}

/**
 * Builds the ARNs an action is authorized against. Prefers the record's own ARNs when they fit a
 * resource type of the action; otherwise fills the most specific template it can from the parameters.
 */
export function resolveResources(catalog: Catalog, action: ActionInfo, inputs: ResourceInputs): Resolution {
  if (action.resourceTypes.length === 0) return { kind: 'wildcard-only' };
  const candidates = action.resourceTypes.flatMap((rt): Candidate[] => {
    const info = catalog.resourceType(action.service, rt.name);
    return info ? [{ template: compileTemplate(info.arn), required: rt.required }] : [];
  });
  const required = candidates.filter((c) => c.required);
  // Several required types (ec2:RunInstances): every one must resolve, or the statement needs "*".
  if (required.length >= 2) {
    const arns = required.map((c) => resolveOne(c.template, action, inputs));
    const malformed = arns.find((a) => 'malformed' in a);
    if (malformed && 'malformed' in malformed) return { kind: 'malformed', reason: malformed.malformed };
    const failed = arns.find((a) => 'reason' in a);
    if (failed && 'reason' in failed) return { kind: 'unresolved', reason: failed.reason };
    return { kind: 'resolved', resources: arns.flatMap((a) => ('arns' in a ? a.arns : [])) };
  }
  let best: { arns: Arn[]; specificity: number } | undefined;
  let reason = 'no resource type of the action could be built from the record';
  let malformed: string | undefined;
  for (const c of candidates) {
    const r = resolveOne(c.template, action, inputs);
    if ('malformed' in r) {
      malformed ??= r.malformed;
      continue;
    }
    if ('reason' in r) {
      if (c.required) reason = r.reason;
      continue;
    }
    const specificity = c.template.variables.length;
    if (!best || specificity > best.specificity) best = { arns: r.arns, specificity };
  }
  if (best) return { kind: 'resolved', resources: best.arns };
  if (malformed) return { kind: 'malformed', reason: malformed };
  return wildcardWhenUnresolved(action.action) ? { kind: 'wildcard-only' } : { kind: 'unresolved', reason };
}

function resolveOne(
  template: ArnTemplate,
  action: ActionInfo,
  inputs: ResourceInputs,
): { arns: Arn[] } | { reason: string } | { malformed: string } {
  const fromRecord = inputs.recordArns.flatMap((arn) => {
    const values = matchTemplate(template, arn);
    const filled = values && fillTemplate(template, values);
    return filled && 'arn' in filled ? [filled.arn as Arn] : [];
  });
  if (fromRecord.length > 0) return { arns: [...new Set(fromRecord)].sort() };

  const values: Record<string, TemplateValue | undefined> = {
    Partition: inputs.partition,
    Region: inputs.region,
    Account: inputs.account,
  };
  for (const variable of template.variables) {
    if (variable === 'Partition' || variable === 'Region' || variable === 'Account') continue;
    const found = valuesFor(variable, template, action, inputs);
    if (typeof found === 'string') return { malformed: found };
    Object.assign(values, found);
  }
  const filled = fillTemplate(template, values);
  if ('arn' in filled) return { arns: [filled.arn as Arn] };
  if ('missing' in filled) return { reason: `no value for \${${filled.missing}} in ${template.text}` };
  return { malformed: `invalid ${filled.invalid} for ${template.text}` };
}

/** Values for one template variable (and, from an ARN-valued or URL parameter, its siblings). */
function valuesFor(
  variable: string,
  template: ArnTemplate,
  action: ActionInfo,
  inputs: ResourceInputs,
): Record<string, TemplateValue> | string {
  for (const source of parameterSources(action.action, variable, inputs.paramRenames)) {
    const raw = lookupParam(inputs.params, source.param);
    if (typeof raw !== 'string' || raw === '') continue;
    if (raw.length > MAX_ARN_LENGTH) return `${source.param} is ${raw.length} characters long`;
    if (raw.startsWith('arn:')) {
      if (!WELL_FORMED_ARN.test(raw)) return `${source.param} is not a well-formed ARN`;
      const matched = matchTemplate(template, raw);
      if (matched) return matched;
      continue;
    }
    if (!source.transform) return { [variable]: raw };
    const transform = VALUE_TRANSFORMS[source.transform];
    const out = transform?.(raw, variable);
    if (out) return out;
  }
  return {};
}

function lookupParam(params: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(params, name)) return params[name];
  const lower = name.toLowerCase();
  const key = Object.keys(params).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : params[key];
}
