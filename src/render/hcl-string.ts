/**
 * HCL quoted strings that mean exactly the given text. HCL reads `${` and `%{` as template syntax,
 * so both are doubled (`$${`, `%%{`) and Terraform hands the text to IAM as written; IAM policy
 * variables such as `${aws:username}` therefore stay IAM's. Only `convert` on a user's own policy may
 * keep Terraform interpolations (`${var.bucket}`), never generated output.
 */

export interface HclStringOptions {
  /** Leave `${...}` that is a Terraform interpolation (not an IAM variable) unescaped. Default false. */
  keepTerraformInterpolations?: boolean;
}

/**
 * A value HCL cannot hold exactly: HCL normalizes every string to Unicode NFC (escapes included),
 * and UTF-8 cannot carry a lone surrogate. Rendering refuses rather than grant a different name.
 */
export class HclEncodingError extends Error {
  override name = 'HclEncodingError';
  constructor(
    readonly value: string,
    reason = 'Terraform normalizes strings to Unicode NFC, which would change',
  ) {
    super(`${reason} ${JSON.stringify(value)}; use --format json or cloudformation for this policy`);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `"..."` for `text`: quotes, backslashes, control/bidi characters escaped, every `${`/`%{` doubled. */
export function quote(text: string, options: HclStringOptions = {}): string {
  if (LONE_SURROGATE.test(text)) throw new HclEncodingError(text, 'UTF-8 cannot carry the lone surrogate in');
  if (text.normalize('NFC') !== text) throw new HclEncodingError(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const end = c === '$' && options.keepTerraformInterpolations ? interpolationEnd(text, i) : -1;
      out += end < 0 ? `${c}${c}{` : text.slice(i, end + 1);
      i = end < 0 ? i + 1 : end;
      continue;
    }
    out += escapeChar(c);
  }
  return `"${out}"`;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Control characters, and invisible ones an editor or terminal may act on (bidi overrides, LS/PS). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

function escapeChar(c: string): string {
  const named = NAMED_ESCAPES[c];
  if (named !== undefined) return named;
  return UNSAFE.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
}

/**
 * The index of the `}` closing the Terraform interpolation that starts at `text[at]`, or -1 when it
 * is an IAM policy variable (`${aws:username}`, `${s3:prefix}`, `${*}`, `${?}`, `${$}`), unbalanced,
 * or holds what could end the string or the line early (control characters, comments, heredocs).
 * Otherwise the interpolation is copied as is: it is Terraform expression syntax
 * (`${join("/", local.parts)}`), where string escapes do not apply.
 */
function interpolationEnd(text: string, at: number): number {
  const end = matchingBrace(text, at + 2);
  if (end < 0) return -1;
  const inner = text.slice(at + 2, end);
  if (isIamVariable(inner) || UNSAFE.test(inner) || EXPRESSION_HAZARD.test(inner)) return -1;
  return end;
}

/** Comment and heredoc openers: inside an expression they would swallow the rest of the line. */
const EXPRESSION_HAZARD = /#|\/\/|\/\*|<</;

/** IAM variables are `${service:key}` (optionally `, 'default'`) or one of IAM's escapes `*`, `?`, `$`. */
function isIamVariable(inner: string): boolean {
  return /^\s*[A-Za-z0-9][A-Za-z0-9._-]*:/.test(inner) || ['*', '?', '$', ''].includes(inner.trim());
}

/** Scans a Terraform expression (nested strings, templates and braces) for its closing `}`. */
function matchingBrace(text: string, from: number): number {
  const stack: ('expr' | 'str')[] = ['expr'];
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    const template = (c === '$' || c === '%') && text[i + 1] === '{';
    if (stack.at(-1) === 'str') {
      if (c === '\\') i++;
      else if (c === '"') stack.pop();
      else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') i += 2;
      else if (template) {
        stack.push('expr');
        i++;
      }
      continue;
    }
    if (c === '"') stack.push('str');
    else if (c === '{') stack.push('expr');
    else if (c === '}') {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
