/**
 * A small HCL writer that lays out bodies the way `terraform fmt` does: runs of one-line attributes
 * with aligned `=`, multi-line lists and nested blocks set apart by blank lines.
 */

export type HclValue =
  | { kind: 'string'; value: string }
  | { kind: 'list'; values: string[] }
  /** A Terraform expression (a reference like `data.x.y.json`): written as is, so only ever built from sanitized identifiers. */
  | { kind: 'expression'; text: string };

export type HclItem =
  | { kind: 'attribute'; name: string; value: HclValue }
  | { kind: 'block'; type: string; labels: string[]; body: HclItem[] };

export interface HclOptions {
  /** Leave `${` sequences that are Terraform interpolations (not IAM variables) unescaped (convert only). */
  keepTerraformInterpolations?: boolean;
}

const INDENT = '  ';

/**
 * HCL normalizes every string to Unicode NFC (escapes included), so a value that is not in NFC (a
 * decomposed accent in an object key, say) cannot be written exactly: Terraform would grant a
 * different name. Rendering refuses instead of changing the policy.
 */
export class HclEncodingError extends Error {
  override name = 'HclEncodingError';
  constructor(readonly value: string) {
    super(
      `Terraform normalizes strings to Unicode NFC, which would change ${JSON.stringify(value)}; use --format json or cloudformation for this policy`,
    );
  }
}

export function renderHclItems(items: readonly HclItem[], options: HclOptions = {}): string {
  return `${renderBody(items, 0, options).join('\n')}\n`;
}

function renderBody(items: readonly HclItem[], depth: number, options: HclOptions): string[] {
  const pad = INDENT.repeat(depth);
  const segments: string[][] = [];
  let run: { name: string; text: string }[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const width = Math.max(...run.map((a) => a.name.length));
    segments.push(run.map((a) => `${pad}${a.name.padEnd(width)} = ${a.text}`));
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attribute') {
      const lines = renderValue(item.value, depth, options);
      if (lines.length === 1) {
        run.push({ name: item.name, text: lines[0]! });
        continue;
      }
      flush();
      segments.push([`${pad}${item.name} = ${lines[0]}`, ...lines.slice(1)]);
      continue;
    }
    flush();
    const header = [item.type, ...item.labels.map((l) => quote(l, options))].join(' ');
    const inner = renderBody(item.body, depth + 1, options);
    segments.push(inner.length === 0 ? [`${pad}${header} {}`] : [`${pad}${header} {`, ...inner, `${pad}}`]);
  }
  flush();
  return segments.flatMap((s, i) => (i === 0 ? s : ['', ...s]));
}

function renderValue(value: HclValue, depth: number, options: HclOptions): string[] {
  if (value.kind === 'expression') return [value.text];
  if (value.kind === 'string') return [quote(value.value, options)];
  if (value.values.length <= 1) return [`[${value.values.map((v) => quote(v, options)).join(', ')}]`];
  const pad = INDENT.repeat(depth + 1);
  return ['[', ...value.values.map((v) => `${pad}${quote(v, options)},`), `${INDENT.repeat(depth)}]`];
}

/**
 * An HCL quoted string that means exactly `text`: quotes, backslashes and control characters escaped,
 * and every `${` / `%{` doubled so Terraform never interpolates (IAM policy variables reach IAM as written).
 */
export function quote(text: string, options: HclOptions = {}): string {
  if (text.normalize('NFC') !== text) throw new HclEncodingError(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if ((c === '$' || c === '%') && next === '{') {
      out +=
        c === '$' && options.keepTerraformInterpolations && isTerraformInterpolation(text, i)
          ? '$'
          : `${c}${c}`;
      continue;
    }
    out += escapeChar(c);
  }
  return `"${out}"`;
}

function escapeChar(c: string): string {
  if (c === '"') return '\\"';
  if (c === '\\') return '\\\\';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.charCodeAt(0);
  if (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  ) {
    return `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return c;
}

/** `${var.x}` / `${aws_s3_bucket.b.id}` (a Terraform reference), as opposed to IAM's `${aws:username}`, `${*}`. */
function isTerraformInterpolation(text: string, at: number): boolean {
  const end = text.indexOf('}', at);
  const inner = end < 0 ? '' : text.slice(at + 2, end);
  return inner !== '' && !inner.includes(':') && !['*', '?', '$'].includes(inner);
}
