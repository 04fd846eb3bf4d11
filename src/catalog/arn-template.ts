import nameFormats from './data/name-formats.json' with { type: 'json' };
/** IAM ARN templates (`arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`): match and fill. */

export interface ArnTemplate {
  text: string;
  variables: readonly string[];
  regex: RegExp;
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
  const parts = text.split(/\$\{([A-Za-z0-9_]+)\}/);
  let source = '^';
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      source += escapeRegex(part);
      return;
    }
    variables.push(part);
    // Non-last variables stop at the template's next literal; the last takes the rest (object keys hold '/' and ':').
    source += i === parts.length - 2 && parts[i + 1] === '' ? '(.+)' : '(.+?)';
  });
  const template = { text, variables, regex: new RegExp(`${source}$`, 's') };
  cache.set(text, template);
  return template;
}

/** Variable values of an ARN that fits the template, or undefined. */
export function matchTemplate(template: ArnTemplate, arn: string): Record<string, string> | undefined {
  if (arn.length > MAX_ARN_LENGTH) return undefined;
  const m = template.regex.exec(arn);
  if (!m) return undefined;
  const values: Record<string, string> = {};
  template.variables.forEach((v, i) => (values[v] = m[i + 1] ?? ''));
  return values;
}

/**
 * Escapes a name taken from a record so it stays literal inside an IAM ARN pattern:
 * `*` -> `${*}`, `?` -> `${?}`, `$` -> `${$}` (IAM policy-variable escapes).
 */
export function escapeIamValue(value: string): string {
  return value.replace(/[*?$]/g, (c) => `\${${c}}`);
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

/**
 * Fills a template. Envelope variables must be valid (never escaped); every other value is escaped
 * unless given as a PatternValue. Returns the reason when a value is missing or invalid.
 */
export function fillTemplate(
  template: ArnTemplate,
  values: Record<string, TemplateValue | undefined>,
): { arn: string } | { missing: string } | { invalid: string } {
  let out = template.text;
  for (const name of template.variables) {
    const value = values[name];
    if (value === undefined || value === '') return { missing: name };
    let text: string;
    if (typeof value !== 'string') text = value.pattern;
    else if (ENVELOPE_PATTERNS[name]) {
      if (!ENVELOPE_PATTERNS[name].test(value)) return { invalid: name };
      text = value;
    } else {
      if (NAME_FORMATS[name] && !NAME_FORMATS[name].test(value)) return { invalid: name };
      text = escapeIamValue(value);
    }
    out = out.replace(`\${${name}}`, () => text);
  }
  if (out.length > MAX_ARN_LENGTH) return { invalid: 'length' };
  return { arn: out };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
