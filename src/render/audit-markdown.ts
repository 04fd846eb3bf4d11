import type { AuditResult } from '../audit/result.ts';
import type { AuditEntry } from '../audit/rank.ts';
import { AUDIT_RULE } from './audit-json.ts';
import { AUDIT_DETAIL_LIMIT } from './audit-text.ts';
import { count } from './diff-common.ts';
import { codeSpan, fencedBlock } from './markdown-escape.ts';

/** The audit as Markdown (an issue or PR comment): the ranking table, then the top entries and fixes. */
export function renderAuditMarkdown(result: AuditResult): string {
  const { model } = result;
  const out = [
    '## tightrole audit: roles ranked by exposure x unused privilege',
    '',
    `Rule: ${AUDIT_RULE}.`,
    '',
  ];
  out.push('| rank | score | exposure | granted | unused | unused on `*` | escalation | calls | role |');
  out.push('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const e of model.entries) {
    const p = e.privilege;
    out.push(
      `| ${e.rank} | ${count(e.score)} | ${e.exposure} | ${count(p.granted.actions)} | ${count(p.unused.actions)} | ${count(p.unused.onStar)} | ${p.escalation.length} | ${count(e.calls)} | ${codeSpan(e.role, { inTable: true })}${e.incomplete ? ' (incomplete)' : ''} |`,
    );
  }
  for (const e of model.entries.filter((x) => x.score > 0).slice(0, AUDIT_DETAIL_LIMIT))
    out.push('', ...detail(e));
  const list = (title: string, items: readonly string[]) =>
    items.length === 0 ? [] : ['', `### ${title}`, '', ...items.map((i) => `- ${codeSpan(i)}`)];
  out.push(...list('Functions whose role made no call in the window', model.unusedFunctions));
  out.push(...list('Roles in the evidence but not in the IAM input (not audited)', model.unknownRoles));
  out.push(...list('Functions whose role is not in the IAM input', model.functionsWithoutRole));
  if (result.problems.length > 0)
    out.push('', `> ${result.problems.length} input problem(s) were reported; those entries were left out.`);
  return `${out.join('\n')}\n`;
}

function detail(e: AuditEntry): string[] {
  const p = e.privilege;
  const lines = [`### ${e.rank}. ${codeSpan(e.role)}`, ''];
  if (e.functions.length === 0) lines.push('- used by no listed function');
  for (const f of e.functions) {
    lines.push(`- function ${codeSpan(f.function)}: **${f.level}**`);
    for (const path of f.paths) lines.push(`  - ${path.kind} ${path.level}: ${codeSpan(path.detail)}`);
  }
  lines.push(
    `- unused: ${count(p.unused.actions)} of ${count(p.granted.actions)} granted actions, ${count(p.unused.onStar)} on \`*\``,
  );
  for (const b of p.broad)
    lines.push(
      `- ${b.kind === 'admin' ? 'admin-equivalent' : 'broad'}: ${codeSpan(b.policy)} grants ${codeSpan(b.patterns.join(', '))} on \`*\``,
    );
  for (const g of p.escalation)
    lines.push(
      `- escalation: ${codeSpan(g.action)}${g.onStar ? ' on `*`' : ''}${g.used ? ' (used)' : ''}: ${g.methods.join(', ')}`,
    );
  lines.push('', fencedBlock(e.fix, 'sh').trimEnd());
  return lines;
}
