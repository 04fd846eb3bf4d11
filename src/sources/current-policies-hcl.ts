import { getExpressionAst } from '@cdktf/hcl2json';

/** Marks a Terraform expression tightrole cannot evaluate (a reference, variable or function call). */
export const OPEN = '\uE000';
export const CLOSE = '\uE001';
const MARKED = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');

/** The Terraform expressions (`var.x`, `aws_s3_bucket.b.id`) marked in a value. */
export function markedRefs(text: string): string[] {
  return [...text.matchAll(MARKED)].map((m) => m[1]!);
}

/** Replaces every marked expression with `replacement`. */
export function replaceMarked(text: string, replacement: string): string {
  return text.replace(MARKED, replacement);
}

/**
 * A string as `hcl2json` returns it (escapes decoded, templates left as text): `$${` and `%%{` become
 * the literal `${` and `%{` (IAM policy variables), and each `${ expression }` becomes a marked reference.
 */
export function markTemplate(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i, i + 3);
    if (rest === '$${' || rest === '%%{') {
      out += `${rest[0]}{`;
      i += 2;
    } else if (rest.startsWith('${')) {
      const end = closingBrace(text, i + 2);
      out += `${OPEN}${text.slice(i + 2, end).trim()}${CLOSE}`;
      i = end;
    } else out += text[i];
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** An HCL quoted-string literal's raw text -> its value (`\"`, `\\`, `\n`, `\uXXXX`; `$${` stays for markTemplate). */
export function decodeHclLiteral(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, c: string) => {
    if (c.length > 1) return String.fromCodePoint(parseInt(c.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c;
  });
}

interface AstNode {
  type: string;
  meta?: { value?: string; type?: string; name?: string; items?: Record<string, string> };
  children?: AstNode[];
}

/**
 * Evaluates a whole-value interpolation such as `${jsonencode({ ... })}` with the real HCL parser:
 * literals, tuples, objects, templates and `jsonencode` are evaluated; anything else (references,
 * variables, other functions) is kept as a marked reference for the caller to report.
 */
export async function evaluateInterpolation(file: string, text: string): Promise<unknown> {
  const ast = (await getExpressionAst(file, `"${text}"`)) as AstNode | null;
  return ast ? evaluateNode(ast) : `${OPEN}${text}${CLOSE}`;
}

function evaluateNode(node: AstNode): unknown {
  const children = node.children ?? [];
  switch (node.type) {
    case 'templateWrap':
      return children[0] ? evaluateNode(children[0]) : '';
    case 'template':
      return children.map((c) => (c.type === 'literalValue' ? literal(c) : marked(c))).join('');
    case 'literalValue':
      return literal(node);
    case 'tuple':
      return children.map(evaluateNode);
    case 'object':
      return objectValue(node);
    case 'function':
      return node.meta?.name === 'jsonencode' && children[0] ? evaluateNode(children[0]) : marked(node);
    default:
      return marked(node);
  }
}

function literal(node: AstNode): unknown {
  const value = node.meta?.value ?? '';
  if (node.meta?.type === 'number') return Number(value);
  if (node.meta?.type === 'bool') return value === 'true';
  return markTemplate(decodeHclLiteral(value));
}

function marked(node: AstNode): string {
  return `${OPEN}${(node.meta?.value ?? node.type).trim()}${CLOSE}`;
}

/** Object children alternate key, value; `meta.items` maps key text to value text, in any order. */
function objectValue(node: AstNode): Record<string, unknown> {
  const values = (node.children ?? []).filter((_, i) => i % 2 === 1);
  const out: Record<string, unknown> = {};
  for (const [keyText, valueText] of Object.entries(node.meta?.items ?? {})) {
    const child = values.find((v) => v.meta?.value === valueText);
    const key = /^".*"$/s.test(keyText) ? decodeHclLiteral(keyText.slice(1, -1)) : keyText;
    out[key] = child ? evaluateNode(child) : `${OPEN}${valueText}${CLOSE}`;
  }
  return out;
}
