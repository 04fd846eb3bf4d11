/**
 * A small HCL writer that lays out bodies the way `terraform fmt` does: runs of one-line attributes
 * with aligned `=`, multi-line lists and nested blocks set apart by blank lines, 2-space indentation.
 * Every string goes through `quote` (exact escaping, see hcl-string.ts).
 */
import { quote, type HclStringOptions } from './hcl-string.ts';

export { HclEncodingError, quote } from './hcl-string.ts';

/** An attribute value: a quoted string, a list of quoted strings, or a raw reference expression. */
export type HclValue =
  | { kind: 'string'; value: string }
  | { kind: 'list'; values: readonly string[] }
  /** A Terraform expression (a reference like `data.x.y.json`): written as is, so only ever built from sanitized identifiers. */
  | { kind: 'expression'; text: string };

/** An attribute (`name = value`) or a block (`type "label" { body }`). */
export type HclItem =
  | { kind: 'attribute'; name: string; value: HclValue }
  | { kind: 'block'; type: string; labels: string[]; body: HclItem[]; comment?: string };

/** Options for every string in the file (see `HclStringOptions`). */
export type HclOptions = HclStringOptions;

const INDENT = '  ';

/** The file text for `items`, ending in one newline. Throws `HclEncodingError` for unrepresentable strings. */
export function renderHclItems(items: readonly HclItem[], options: HclOptions = {}): string {
  return `${renderBody(items, 0, options).join('\n')}\n`;
}

/** Segments (one-line attribute runs, multi-line attributes, blocks) joined by blank lines. */
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
      if (lines.length === 1) run.push({ name: item.name, text: lines[0]! });
      else {
        flush();
        segments.push([`${pad}${item.name} = ${lines[0]}`, ...lines.slice(1)]);
      }
      continue;
    }
    flush();
    segments.push(renderBlock(item, depth, options));
  }
  flush();
  return segments.flatMap((s, i) => (i === 0 ? s : ['', ...s]));
}

function renderBlock(block: HclItem & { kind: 'block' }, depth: number, options: HclOptions): string[] {
  const pad = INDENT.repeat(depth);
  const header = [block.type, ...block.labels.map((l) => quote(l))].join(' ');
  const inner = renderBody(block.body, depth + 1, options);
  const comment = block.comment === undefined ? [] : [`${pad}# ${commentText(block.comment)}`];
  return inner.length === 0
    ? [...comment, `${pad}${header} {}`]
    : [...comment, `${pad}${header} {`, ...inner, `${pad}}`];
}

/**
 * A `#` comment runs to the end of the line, so its text is kept to printable ASCII: anything else
 * (a line break that would end the comment and start code, a control or bidi character) is written
 * as a visible `\uXXXX`.
 */
export function commentText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line for strings and lists of at most one element; otherwise one element per line, trailing comma. */
function renderValue(value: HclValue, depth: number, options: HclOptions): string[] {
  if (value.kind === 'expression') return [value.text];
  if (value.kind === 'string') return [quote(value.value, options)];
  if (value.values.length <= 1) return [`[${value.values.map((v) => quote(v, options)).join(', ')}]`];
  const pad = INDENT.repeat(depth + 1);
  return ['[', ...value.values.map((v) => `${pad}${quote(v, options)},`), `${INDENT.repeat(depth)}]`];
}
