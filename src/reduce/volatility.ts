/**
 * Finds per-request identifiers inside an ARN tail (an object key, a log stream name) and replaces
 * them with `*`, segment by segment, keeping everything stable around them. Works on escaped IAM text:
 * `${*}`, `${?}`, `${$}` are never split or matched.
 */

interface Rule {
  name: string;
  pattern: RegExp;
  /** Every match holds a digit (all but the UUID rule, whose hex may be letters only). */
  needsDigit: boolean;
}

// Order matters: the widest shapes first, so a UUID is one `*`, not five.
const RULES: Rule[] = [
  {
    name: 'UUID',
    pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    needsDigit: false,
  },
  {
    name: 'timestamp',
    pattern: /\d{4}-\d{2}-\d{2}[T ]\d{2}[:.-]?\d{2}(?:[:.-]?\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
    needsDigit: true,
  },
  {
    name: 'date',
    pattern:
      /\d{4}-\d{2}-\d{2}|(?<![0-9])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:T?\d{4,6}Z?)?(?![0-9])/g,
    needsDigit: true,
  },
  {
    name: 'hex token',
    pattern: /(?<![0-9a-z])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{12,}(?![0-9a-z])/gi,
    needsDigit: true,
  },
  {
    name: 'random token',
    pattern:
      /(?<![A-Za-z0-9])(?=[A-Za-z0-9+=_]*[0-9])(?=[A-Za-z0-9+=_]*[A-Z])(?=[A-Za-z0-9+=_]*[a-z])[A-Za-z0-9+=_]{16,}(?![A-Za-z0-9])/g,
    needsDigit: true,
  },
  { name: 'numeric ID', pattern: /\d{4,}/g, needsDigit: true },
];

const ESCAPE = /\$\{[*?$]\}/g;
const DIGIT = /[0-9]/;
/** A segment none of the rules can change, and without `**` to collapse, is returned as is. */
const NEEDS_RULES = /[0-9-]|\*\*/;

export interface Masked {
  text: string;
  /** Names of the rules that fired, for --explain. */
  found: string[];
}

/** Masks volatile identifiers in a `/`-separated tail; date paths (YYYY/MM/DD[/HH]) become `*` per segment. */
export function maskVolatile(tail: string): Masked {
  const found = new Set<string>();
  const segments = tail.split('/');
  maskDatePath(segments, found);
  const masked = segments.map((segment) => (segment === '*' ? segment : maskSegment(segment, found)));
  return { text: masked.join('/'), found: [...found].sort() };
}

function maskDatePath(segments: string[], found: Set<string>): void {
  for (let i = 0; i + 2 < segments.length; i++) {
    if (
      /^(?:19|20)\d{2}$/.test(segments[i]!) &&
      /^(?:0[1-9]|1[0-2])$/.test(segments[i + 1]!) &&
      /^(?:0[1-9]|[12]\d|3[01])$/.test(segments[i + 2]!)
    ) {
      segments[i] = segments[i + 1] = segments[i + 2] = '*';
      if (i + 3 < segments.length - 1 && /^(?:[01]\d|2[0-3])$/.test(segments[i + 3]!)) segments[i + 3] = '*';
      found.add('date path');
    }
  }
}

function maskSegment(segment: string, found: Set<string>): string {
  // Every rule needs a digit, or a dash (a UUID of letters only): skip the regexes otherwise.
  if (!NEEDS_RULES.test(segment)) return segment;
  // Split around escapes so no rule can reach into them (no `$`: no escape, one part).
  if (!segment.includes('$')) return maskPart(segment, found).replace(/\*{2,}/g, '*');
  const parts = segment.split(ESCAPE);
  const escapes = segment.match(ESCAPE) ?? [];
  const maskedParts = parts.map((part) => maskPart(part, found));
  return maskedParts.reduce((out, part, i) => out + part + (escapes[i] ?? ''), '').replace(/\*{2,}/g, '*');
}

function maskPart(part: string, found: Set<string>): string {
  let text = part;
  for (const rule of RULES) {
    // Every rule after the UUID one needs a digit: once none is left, none can fire.
    if (rule.needsDigit && !DIGIT.test(text)) break;
    text = text.replace(rule.pattern, (m) => {
      if (m === '*') return m;
      found.add(rule.name);
      return '*';
    });
  }
  return text;
}
