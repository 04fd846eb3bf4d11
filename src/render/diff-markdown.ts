import type { RoleDiff } from '../diff/types.ts';
import { count, plural } from './diff-common.ts';
import { overview, sections, type Section } from './diff-markdown-sections.ts';

/** GitHub refuses comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The marker by which the PR-comment script finds its own comment to update. */
export const COMMENT_MARKER = '<!-- tightrole-diff -->';

/** Default size: the limit less room for the marker and a few lines a caller may add. */
export const DEFAULT_MARKDOWN_LENGTH = GITHUB_COMMENT_LIMIT - 1_536;

/**
 * The diff as a GitHub PR comment: a headline, a summary table, then collapsible `<details>` sections
 * (proposed policy, unused grants, narrowing, calls not granted, used actions). Never longer than
 * `maxLength`: rows are cut from the least important sections first, and each cut is stated. Every
 * value from logs or policies is escaped (see markdown-escape.ts). No marker: the caller adds it.
 */
export function renderDiffMarkdown(diff: RoleDiff, options: { maxLength?: number } = {}): string {
  const limit = options.maxLength ?? DEFAULT_MARKDOWN_LENGTH;
  const top = overview(diff);
  const parts = sections(diff);
  const kept = shareBudget(
    parts,
    limit - top.length - parts.reduce((n, s) => n + shell(s, 1, '').length + 2, 0) - 400,
  );
  const cut = parts.some((s, i) => kept[i]! < s.rows.length);
  const notice = cut
    ? `\n\n> [!NOTE]\n> Some details were cut to keep this comment under GitHub's ${count(GITHUB_COMMENT_LIMIT)}-character limit; run \`tightrole diff --format json\` for all of them.`
    : '';
  const body = parts.map((s, i) => render(s, kept[i]!)).join('\n\n');
  const text = `${top}${notice}\n\n${body}\n`;
  return text.length <= limit
    ? text
    : `${top.slice(0, Math.max(0, limit - 200))}\n\n(cut: the summary alone exceeds the comment limit)\n`;
}

/** Rows each section keeps: by priority, whole rows while they fit. */
function shareBudget(parts: readonly Section[], budget: number): number[] {
  const kept = parts.map(() => 0);
  let left = budget;
  const order = parts.map((s, i) => ({ s, i })).sort((a, b) => a.s.priority - b.s.priority);
  for (const { s, i } of order) {
    for (const row of s.rows) {
      if (row.length + 1 > left) break;
      left -= row.length + 1;
      kept[i]!++;
    }
  }
  return kept;
}

function render(section: Section, keep: number): string {
  const rest = section.rows.length - keep;
  const rows = section.rows.slice(0, keep);
  if (rest > 0 && section.atomic)
    return shell(section, 0, cutNote('the policy is too large for a comment', 'tightrole generate'));
  const note =
    rest > 0 ? `\n\n${cutNote(`${plural(rest, 'more row')} not shown`, 'tightrole diff --format json')}` : '';
  return shell(section, keep, `${rows.join('\n')}${note}`);
}

function shell(section: Section, keep: number, content: string): string {
  const head = section.head && keep > 0 ? `${section.head}\n` : '';
  return `<details><summary>${section.title}</summary>\n\n${head}${content}\n\n</details>`;
}

function cutNote(what: string, command: string): string {
  return `_Cut to fit GitHub's ${count(GITHUB_COMMENT_LIMIT)}-character comment limit: ${what}; run \`${command}\` for everything._`;
}
