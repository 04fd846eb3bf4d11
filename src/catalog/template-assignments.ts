import { matchTemplate, MAX_ARN_LENGTH, type ArnTemplate, type TemplateValue } from './arn-template.ts';
import { compilePath, valuesAt } from './param-path.ts';
import type { ParameterSource } from './parameter-sources.ts';
import { VALUE_TRANSFORMS } from './resource-values.ts';

// arn:partition:service:region:account:resource, with the shapes IAM accepts for each part.
export const WELL_FORMED_ARN = /^arn:aws(?:-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|aws)?:.+$/s;

type Values = Record<string, TemplateValue | undefined>;

/** One partial assignment of template variables (an ARN-valued parameter sets several at once). */
type Option = Readonly<Record<string, TemplateValue>>;

export type Assignments = { values: Values[] } | { reason: string } | { malformed: string };

/**
 * The variable assignments a record's parameters give a template: one per resource the call names
 * (a list parameter such as `jobFlowIds[]` names several). `sources[i]` are the parameters that may
 * hold `template.variables[i]` (empty for the envelope). A value that is present but unusable makes
 * the call malformed when no other parameter supplies the variable; it never becomes a wildcard.
 */
export function templateAssignments(
  template: ArnTemplate,
  sources: readonly (readonly ParameterSource[])[],
  params: Readonly<Record<string, unknown>>,
  envelope: Values,
): Assignments {
  let assignments: Values[] = [{ ...envelope }];
  let listVariable: string | undefined;
  for (let i = 0; i < template.variables.length; i++) {
    const variable = template.variables[i]!;
    const found = variableOptions(template, variable, sources[i]!, params);
    if ('malformed' in found) return found;
    const { options } = found;
    if (options.length === 0) continue;
    if (options.length > 1) {
      // Two lists (buckets[] and keys[]) cannot be paired from the record: their product would grant
      // combinations never called.
      if (listVariable) return { reason: `both ${listVariable} and ${variable} list several values` };
      listVariable = variable;
    }
    // Every assignment is this function's own copy: one option is merged in place (the usual case).
    if (options.length === 1) for (const values of assignments) Object.assign(values, options[0]);
    else assignments = assignments.flatMap((values) => options.map((o) => ({ ...values, ...o })));
  }
  return { values: assignments };
}

function variableOptions(
  template: ArnTemplate,
  variable: string,
  sources: readonly ParameterSource[],
  params: Readonly<Record<string, unknown>>,
): { options: Option[] } | { malformed: string } {
  let bad: string | undefined;
  for (const source of sources) {
    const found = valuesAt(params, compilePath(source.param));
    if (found.kind === 'absent') continue;
    if (found.kind === 'bad') {
      if (!source.lenient) bad ??= found.reason;
      continue;
    }
    const options: Option[] = [];
    for (const raw of found.values) {
      const out = valueOptions(template, variable, source, raw);
      if (out === undefined) continue;
      if ('malformed' in out) {
        if (source.lenient) continue;
        return out;
      }
      options.push(...out.options);
    }
    if (options.length > 0) return { options: distinct(options) };
  }
  return bad === undefined ? { options: [] } : { malformed: bad };
}

/** The variables one parameter value gives, undefined when it does not fit, or why it is malformed. */
function valueOptions(
  template: ArnTemplate,
  variable: string,
  source: ParameterSource,
  raw: string,
): { options: readonly Option[] } | { malformed: string } | undefined {
  if (raw.length > MAX_ARN_LENGTH) return { malformed: `${source.param} is ${raw.length} characters long` };
  if (raw.startsWith('arn:')) {
    if (!WELL_FORMED_ARN.test(raw)) return { malformed: `${source.param} is not a well-formed ARN` };
    const matched = matchTemplate(template, raw);
    return matched && { options: [matched] };
  }
  if (!source.transform) return { options: [{ [variable]: raw }] };
  const out = VALUE_TRANSFORMS[source.transform]?.(raw, variable);
  if (out && 'rejected' in out) return { malformed: `${source.param} ${out.rejected}` };
  return out && { options: out.values };
}

function distinct(options: Option[]): Option[] {
  if (options.length < 2) return options;
  const seen = new Map<string, Option>();
  for (const o of options) seen.set(JSON.stringify(o), o);
  return [...seen.values()];
}

/** Why a template could not be filled, naming the request parameters that were looked for. */
export function missingReason(
  template: ArnTemplate,
  variable: string,
  sources: readonly (readonly ParameterSource[])[],
): string {
  const i = template.variables.indexOf(variable);
  const own = (sources[i] ?? []).filter((s) => !s.lenient).map((s) => s.param);
  const looked = own.length > 0 ? ` (no request parameter ${own.join(' or ')})` : '';
  return `no value for \${${variable}} in ${template.text}${looked}`;
}
