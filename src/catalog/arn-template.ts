import nameFormats from './data/name-formats.json' with { type: 'json' };
/** IAM ARN templates (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`): match and fill. */

export interface ArnTemplate {
  text: string;
  variables: readonly string[];
  regex: RegExp;
  /** The text around the variables: `literals[i]` precedes `variables[i]`, the last one ends the ARN. */
  literals: readonly string[];
  /**
   * True when each variable occurs once and no literal holds a `$`: filling is then plain concatenation.
   * (A few templates list two ARN forms with the same variables; those are filled by text replacement.)
   */
  positional: boolean;
  /** Per variable, the pattern its value must match: envelope (never escaped) or name format. */
  envelopeChecks: readonly (RegExp | undefined)[];
  formatChecks: readonly (RegExp | undefined)[];
}

/** Variables whose values are validated, not escaped: they can never carry a wildcard. */
export const ENVELOPE_VARIABLES = ['Partition', 'Region', 'Account'] as const;

const ENVELOPE_PATTERNS: Record<string, RegExp> = {
  Partition: /^aws(?:-[a-z]+)*$/,
  Region: /^[a-z0-9-]{2,40}$/,
  Account: /^\d{12}$/,
};

const NAME_FORMATS: Record<string, RegExp> = Object.fromEntries(
  Object.entries(nameFormats.formats).map(([name, pattern]) => [name, new RegExp(pattern)]),
);

/** Longest ARN we accept from a record; longer is rejected (IAM's own ARN limit is 2048). */
export const MAX_ARN_LENGTH = 2048;

const cache = new Map<string, ArnTemplate>();

export function compileTemplate(text: string): ArnTemplate {
  const hit = cache.get(text);
  if (hit) return hit;
  const variables: string[] = [];
  const literals: string[] = [];
  const parts = text.split(/\$\{([A-Za-z0-9_]+)\}/);
  let source = '^';
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      literals.push(part);
      source += escapeRegex(part);
      return;
    }
    variables.push(part);
    // Non-last variables stop at the template's next literal; the last takes the rest (object keys hold '/' and ':').
    source += i === parts.length - 2 && parts[i + 1] === '' ? '(.+)' : '(.+?)';
  });
  const positional = new Set(variables).size === variables.length && !literals.some((l) => l.includes('$'));
  const template: ArnTemplate = {
    text,
    variables,
    regex: new RegExp(`${source}$`, 's'),
    literals,
    positional,
    envelopeChecks: variables.map((v) => ENVELOPE_PATTERNS[v]),
    formatChecks: variables.map((v) => NAME_FORMATS[v]),
  };
  cache.set(text, template);
  return template;
}

/** Variable values of an ARN that fits the template, or undefined. */
export function matchTemplate(template: ArnTemplate, arn: string): Record<string, string> | undefined {
  if (arn.length > MAX_ARN_LENGTH) return undefined;
  // A match holds every literal of the template: without one, the regex would only fail, after
  // backtracking through its lazy groups (S3's access-point template tried on every object ARN).
  for (const literal of template.literals) if (!arn.includes(literal)) return undefined;
  const m = template.regex.exec(arn);
  if (!m) return undefined;
  const values: Record<string, string> = {};
  template.variables.forEach((v, i) => (values[v] = m[i + 1] ?? ''));
  return values;
}

/**
 * An ARN a record gives, rebuilt through the template (its names validated, escaped), or undefined
 * when it does not fit or a value is invalid. Same as `fillTemplate(template, matchTemplate(...))`.
 */
export function refitArn(template: ArnTemplate, arn: string): string | undefined {
  if (!template.positional) {
    const values = matchTemplate(template, arn);
    const filled = values && fillTemplate(template, values);
    return filled && 'arn' in filled ? filled.arn : undefined;
  }
  if (arn.length > MAX_ARN_LENGTH) return undefined;
  // A match holds every literal of the template: without one, the regex would only fail, after
  // backtracking through its lazy groups (S3's access-point template tried on every object ARN).
  for (const literal of template.literals) if (!arn.includes(literal)) return undefined;
  const m = template.regex.exec(arn);
  if (!m) return undefined;
  const { variables, literals } = template;
  // The match spans the ARN, so while no value needs escaping the rebuilt ARN is the ARN itself.
  let same = true;
  for (let i = 0; i < variables.length; i++) {
    const value = m[i + 1] ?? '';
    const text = checkedText(template, i, value);
    if (typeof text !== 'string') return undefined;
    if (text !== value) same = false;
  }
  if (same) return arn;
  // A value needed escaping (rare): rebuild with the texts checked above.
  let out = literals[0]!;
  for (let i = 0; i < variables.length; i++) {
    out += (checkedText(template, i, m[i + 1] ?? '') as string) + literals[i + 1]!;
  }
  return out.length > MAX_ARN_LENGTH ? undefined : out;
}

// Characters that need an IAM policy-variable escape.
const IAM_SPECIAL = /[*?$]/;

/**
 * Escapes a name taken from a record so it stays literal inside an IAM ARN pattern:
 * `*` -> `${*}`, `?` -> `${?}`, `$` -> `${$}` (IAM policy-variable escapes).
 */
export function escapeIamValue(value: string): string {
  return IAM_SPECIAL.test(value) ? value.replace(/[*?$]/g, (c) => `\${${c}}`) : value;
}

/**
 * The concrete string an escaped ARN stands for (`${*}` -> `*`, ...), to evaluate a request with it.
 * Deliberate wildcards (a secret's `-??????`) stay as characters: the pattern still matches them.
 */
export function unescapeIamValue(pattern: string): string {
  return pattern.replace(/\$\{([*?$])\}/g, '$1');
}

/** A value fragment already in IAM pattern syntax (escaped, possibly with deliberate wildcards). */
export interface PatternValue {
  pattern: string;
}

export type TemplateValue = string | PatternValue;

type FillFailure = { missing: string } | { invalid: string };

/**
 * Fills a template. Envelope variables must be valid (never escaped); every other value is escaped
 * unless given as a PatternValue. Returns the reason when a value is missing or invalid.
 */
export function fillTemplate(
  template: ArnTemplate,
  values: Record<string, TemplateValue | undefined>,
): { arn: string } | FillFailure {
  if (!template.positional) return fillByReplacing(template, values);
  const { variables, literals } = template;
  let out = literals[0]!;
  for (let i = 0; i < variables.length; i++) {
    const name = variables[i]!;
    const value = values[name];
    // A caller's pattern holding `$` could form a placeholder with the text after it: replace as ever.
    if (typeof value === 'object' && value.pattern.includes('$')) return fillByReplacing(template, values);
    const text = checkedText(template, i, value);
    if (typeof text !== 'string') return text;
    out += text + literals[i + 1]!;
  }
  if (out.length > MAX_ARN_LENGTH) return { invalid: 'length' };
  return { arn: out };
}

/** fillTemplate for any template: each variable replaces the first remaining `${Name}` in turn. */
function fillByReplacing(
  template: ArnTemplate,
  values: Record<string, TemplateValue | undefined>,
): { arn: string } | FillFailure {
  let out = template.text;
  for (let i = 0; i < template.variables.length; i++) {
    const name = template.variables[i]!;
    const text = checkedText(template, i, values[name]);
    if (typeof text !== 'string') return text;
    out = out.replace(`\${${name}}`, () => text);
  }
  if (out.length > MAX_ARN_LENGTH) return { invalid: 'length' };
  return { arn: out };
}

/**
 * The text of the template's i-th variable in the ARN: validated (envelope, known name formats) and
 * escaped, or why not.
 */
function checkedText(
  template: ArnTemplate,
  i: number,
  value: TemplateValue | undefined,
): string | FillFailure {
  if (value === undefined || value === '') return { missing: template.variables[i]! };
  if (typeof value !== 'string') return value.pattern;
  const envelope = template.envelopeChecks[i];
  if (envelope) return envelope.test(value) ? value : { invalid: template.variables[i]! };
  const format = template.formatChecks[i];
  if (format && !format.test(value)) return { invalid: template.variables[i]! };
  return escapeIamValue(value);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
