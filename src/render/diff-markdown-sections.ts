import type { RiskCount, RoleDiff } from '../diff/types.ts';
import { count, lackedDataEvents, notGrantedReason, plural, roleName, unusedCount } from './diff-common.ts';
import { renderPolicyJson } from './json.ts';
import { codeSpan, escapeMarkdown, fencedBlock } from './markdown-escape.ts';

/** A collapsible part of the comment: rows may be cut to fit; an atomic section is all or nothing. */
export interface Section {
  title: string;
  head: string;
  rows: string[];
  atomic?: boolean;
  /** Lower goes first when the budget is shared out. */
  priority: number;
}

/** How many action names one unused group lists before "+N more". */
export const ACTIONS_PER_GROUP = 20;

const c = (s: string) => codeSpan(s, { inTable: true });

const RISK_LABELS: Record<RiskCount['risk'], string> = {
  'pass-role-star': '`iam:PassRole` on `*`',
  'assume-role-star': '`sts:AssumeRole` on `*`',
  'iam-write': 'IAM write / permissions-management actions',
  'permissions-management': 'Permissions-management actions',
  'write-star': 'Write actions on `*`',
};

/** Title, headline and the summary table: always shown in full. */
export function overview(diff: RoleDiff): string {
  const { before, after, risks } = diff.summary;
  const lines = [
    `### tightrole diff: ${codeSpan(roleName(diff))}`,
    '',
    `${codeSpan(diff.role)} can do **${count(before.actions)}** actions today; the evidence needs **${count(after.actions)}**.` +
      (diff.changed ? '' : ' No change: the current policies grant what was used.'),
    '',
    '| | before | after |',
    '| --- | ---: | ---: |',
    `| actions allowed | ${count(before.actions)} | ${count(after.actions)} |`,
    `| actions on \`*\` | ${count(before.onStar)} | ${count(after.onStar)} |`,
    ...risks.map((r) => `| ${RISK_LABELS[r.risk]} | ${count(r.before)} | ${count(r.after)} |`),
    `| unused actions removed | ${count(unusedCount(diff))} | |`,
    `| not visible in this evidence (${diff.keptNotVisible ? 'kept' : 'dropped'}) | ${count(diff.notVisible.length)} | |`,
    `| inferred platform grants added | | ${count(diff.inferred.length)} |`,
    `| calls denied in the logs or not granted today | ${count(diff.notGranted.length)} | |`,
    '',
    `Current policies: ${diff.current.policies.map((p) => `${codeSpan(p.name)} (${p.kind})`).join(', ') || 'none'}`,
  ];
  for (const note of diff.current.notes) lines.push(`- note: ${escapeMarkdown(note)}`);
  for (const lacked of lackedDataEvents(diff)) lines.push(`- the evidence lacked ${escapeMarkdown(lacked)}`);
  return lines.join('\n');
}

/** The collapsible sections, in display order. */
export function sections(diff: RoleDiff): Section[] {
  return [
    proposed(diff),
    unused(diff),
    notVisible(diff),
    inferred(diff),
    narrowing(diff),
    notGranted(diff),
    used(diff),
  ].filter((s) => s.rows.length > 0);
}

function proposed(diff: RoleDiff): Section {
  const docs = diff.proposed.map((d) => fencedBlock(renderPolicyJson(d), 'json'));
  const title =
    diff.proposed.length === 1
      ? 'Proposed policy'
      : `Proposed policies (${diff.proposed.length} managed policies)`;
  return { title, head: '', rows: [docs.join('\n\n')], atomic: true, priority: 0 };
}

function unused(diff: RoleDiff): Section {
  return {
    title: `Granted but unused: ${plural(unusedCount(diff), 'action')}`,
    head: `| service | access level | scope | count | actions (first ${ACTIONS_PER_GROUP}) |\n| --- | --- | --- | ---: | --- |`,
    rows: diff.unused.map((g) => {
      const names = g.actions.slice(0, ACTIONS_PER_GROUP).map(c).join(' ');
      const more =
        g.actions.length > ACTIONS_PER_GROUP ? ` +${count(g.actions.length - ACTIONS_PER_GROUP)} more` : '';
      return `| ${c(g.service)} | ${g.accessLevel} | ${g.scope === '*' ? '`*`' : 'scoped'} | ${count(g.actions.length)} | ${names}${more} |`;
    }),
    priority: 3,
  };
}

function notVisible(diff: RoleDiff): Section {
  return {
    title: `Not visible in this evidence: ${plural(diff.notVisible.length, 'action')} (${diff.keptNotVisible ? 'kept in the proposal' : 'dropped'})`,
    head: '| action | why the evidence could not show it |\n| --- | --- |',
    rows: diff.notVisible.map(
      (n) => `| ${c(n.action)} | ${escapeMarkdown(n.reason)}${n.inferred ? ' (inferred)' : ''} |`,
    ),
    priority: 2,
  };
}

function inferred(diff: RoleDiff): Section {
  return {
    title: `Inferred, no call behind them (platform baseline): ${plural(diff.inferred.length, 'grant')}`,
    head: '| action | resource | baseline | current policies |\n| --- | --- | --- | --- |',
    rows: diff.inferred.map((g) => `| ${c(g.action)} | ${c(g.resource)} | ${c(g.baseline)} | ${g.current} |`),
    priority: 2,
  };
}

function narrowing(diff: RoleDiff): Section {
  return {
    title: `Resource narrowing: ${plural(diff.narrowing.length, 'group')}`,
    head: '| actions | current resources | proposed resources |\n| --- | --- | --- |',
    rows: diff.narrowing.map(
      (n) =>
        `| ${n.actions.map(c).join(' ')} | ${n.before.map(c).join('<br>')} | ${n.after.map(c).join('<br>')} |`,
    ),
    priority: 2,
  };
}

function notGranted(diff: RoleDiff): Section {
  return {
    title: `Used but not granted: ${plural(diff.notGranted.length, 'call group')}`,
    head: '| action | resource | calls | what it means |\n| --- | --- | ---: | --- |',
    rows: diff.notGranted.map(
      (n) => `| ${c(n.action)} | ${c(n.resource)} | ${count(n.calls)} | ${notGrantedReason(n)} |`,
    ),
    priority: 1,
  };
}

function used(diff: RoleDiff): Section {
  return {
    title: `Used: ${plural(diff.used.length, 'action')}`,
    head: '| action | access level | calls | current policies |\n| --- | --- | ---: | --- |',
    rows: diff.used.map((u) => `| ${c(u.action)} | ${u.accessLevel} | ${count(u.calls)} | ${u.current} |`),
    priority: 4,
  };
}
