import type { AuditResult } from '../audit/result.ts';
import type { AuditEntry } from '../audit/rank.ts';
import { AUDIT_RULE } from './audit-json.ts';
import { count } from './diff-common.ts';
import { escapeForTerminal as t } from './terminal.ts';
import { pad, textStyle, type TextStyle } from './text-style.ts';

/** How many ranked roles get a detail block (with the fix) in the text and Markdown reports. */
export const AUDIT_DETAIL_LIMIT = 5;

/**
 * The audit for a terminal: the ranking as one table, then the top entries with their ways in,
 * broad and escalation grants and the fix. Every value from the inputs goes through escapeForTerminal.
 */
export function renderAuditText(result: AuditResult, options: { colour: boolean }): string {
  const s = textStyle(options.colour);
  const { model } = result;
  const lines = [
    s.bold('tightrole audit: roles ranked by exposure x unused privilege'),
    s.dim(AUDIT_RULE),
    '',
  ];
  lines.push(
    s.bold(
      `${pad('RANK', 5)}${pad('SCORE', 10, 'right')}  ${pad('EXPOSURE', 9)}${pad('GRANTED', 8, 'right')}${pad('UNUSED', 8, 'right')}${pad('ON *', 7, 'right')}${pad('ESC', 5, 'right')}${pad('CALLS', 8, 'right')}  ROLE`,
    ),
  );
  for (const e of model.entries) lines.push(row(e, s));
  const top = model.entries.filter((e) => e.score > 0).slice(0, AUDIT_DETAIL_LIMIT);
  for (const e of top) lines.push('', ...detail(e, s));
  const section = (title: string, names: readonly string[]) => {
    if (names.length > 0) lines.push('', s.bold(title), ...names.map((n) => `  ${t(n)}`));
  };
  section('Functions whose role made no call in the window', model.unusedFunctions);
  section('Roles in the evidence but not in the IAM input (not audited)', model.unknownRoles);
  section('Functions whose role is not in the IAM input', model.functionsWithoutRole);
  if (result.problems.length > 0)
    lines.push(
      '',
      s.yellow(`${result.problems.length} input problem(s) (on stderr): those entries were left out`),
    );
  return `${lines.join('\n')}\n`;
}

function row(e: AuditEntry, s: TextStyle): string {
  const p = e.privilege;
  const esc = p.escalation.length;
  const exposure = e.exposure === 'public' ? s.red(pad(e.exposure, 9)) : pad(e.exposure, 9);
  return `${pad(String(e.rank), 5)}${pad(count(e.score), 10, 'right')}  ${exposure}${pad(count(p.granted.actions), 8, 'right')}${pad(count(p.unused.actions), 8, 'right')}${pad(count(p.unused.onStar), 7, 'right')}${pad(String(esc), 5, 'right')}${pad(count(e.calls), 8, 'right')}  ${t(e.role)}${e.incomplete ? s.yellow(' (incomplete)') : ''}`;
}

function detail(e: AuditEntry, s: TextStyle): string[] {
  const p = e.privilege;
  const lines = [s.bold(`#${e.rank} ${t(e.role)}`)];
  if (e.functions.length === 0) lines.push('  used by no listed function');
  for (const f of e.functions) {
    lines.push(`  function ${t(f.function)}: ${f.level}`);
    for (const path of f.paths) lines.push(`    ${path.kind} ${path.level}: ${t(path.detail)}`);
  }
  const levels = Object.entries(p.unused.byLevel)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${level} ${count(n)}`)
    .join(', ');
  lines.push(
    `  unused: ${count(p.unused.actions)} of ${count(p.granted.actions)} granted actions${levels ? ` (${levels})` : ''}, ${count(p.unused.onStar)} on "*"`,
  );
  for (const b of p.broad)
    lines.push(
      s.red(
        `  ${b.kind === 'admin' ? 'admin-equivalent' : 'broad'}: ${t(b.policy)} grants ${t(b.patterns.join(', '))} on "*"`,
      ),
    );
  for (const g of p.escalation)
    lines.push(
      s.red(
        `  escalation: ${g.action}${g.onStar ? ' on "*"' : ''}${g.used ? ' (used)' : ''} - ${g.methods.join(', ')}`,
      ),
    );
  lines.push(`  fix: ${t(e.fix)}`);
  return lines;
}
