/**
 * Escaping for GitHub-flavoured Markdown (PR comments). Text from logs and policies is hostile: it must
 * not become HTML, a link, an @mention, an issue reference, emphasis, a table cell break or a code
 * fence end. Zero-width joiners (U+200D) break GitHub's mention and autolink patterns without changing
 * what a reader sees.
 */

const ZWJ = '\u200D';
// C0/C1 controls, DEL, bidi overrides/isolates, zero-width and line/paragraph separators (shown escaped).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Control, bidi and zero-width characters as visible `\u00XX` text. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Breaks `@mention`, `#123`, `http://`, `www.` and e-mail autolinks with a zero-width joiner. */
export function breakAutolinks(text: string): string {
  return text
    .replace(/@/g, `${ZWJ}@${ZWJ}`)
    .replace(/#/g, `#${ZWJ}`)
    .replace(/:\/\//g, `:${ZWJ}//`)
    .replace(/\b(www)\./gi, `$1${ZWJ}.`);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** `&`, `<`, `>`, `"` as named HTML entities (named: a `#` would be broken by `breakAutolinks`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

/**
 * Plain inline text, safe in a paragraph, list item or table cell: Markdown punctuation
 * backslash-escaped, HTML as entities, autolinks and mentions broken, invisible characters shown.
 */
export function escapeMarkdown(text: string): string {
  const visible = breakAutolinks(showInvisible(text));
  return escapeHtml(visible.replace(/[\\`*_[\]()!|~]/g, (c) => `\\${c}`));
}

/**
 * An inline code span around any text: a backtick run longer than any inside, padded when the text
 * starts or ends with a backtick or space. Inside a table, `|` is escaped (GFM splits cells first).
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let body = showInvisible(text);
  if (options.inTable) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  const padded = /^[` ]|[` ]$/.test(body) ? ` ${body} ` : body;
  return `${fence}${padded}${fence}`;
}

/** A fenced code block that no line of `text` can close: the fence outgrows every backtick run. */
export function fencedBlock(text: string, info = ''): string {
  const body = text.replace(
    /[\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}`;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
