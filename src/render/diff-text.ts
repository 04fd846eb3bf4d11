import type { RoleDiff } from '../diff/types.ts';
import { count, headline, lackedDataEvents, notGrantedReason, plural, unusedCount } from './diff-common.ts';
import { renderPolicyJson } from './json.ts';
import { escapeForTerminal as t } from './terminal.ts';
import { pad, textStyle, type TextStyle } from './text-style.ts';

/** How much of each list the text report shows. */
export const TEXT_LIMITS = { actionsPerGroup: 4, notGranted: 20 };

/**
 * The diff for a terminal: summary figures, used, unused (by service, access level and scope),
 * narrowing, calls not granted, notes and the proposed policy. Every value from logs or policies goes
 * through `escapeForTerminal`; colour only when `colour` is true.
 */
export function renderDiffText(diff: RoleDiff, options: { colour: boolean }): string {
  const s = textStyle(options.colour);
  const sections = [
    header(diff, s),
    summary(diff, s),
    used(diff, s),
    unused(diff, s),
    notVisible(diff, s),
    inferred(diff, s),
    narrowing(diff, s),
    missing(diff, s),
    proposed(diff, s),
  ];
  return `${sections
    .filter((x) => x.length > 0)
    .map((x) => x.join('\n'))
    .join('\n\n')}\n`;
}

function header(diff: RoleDiff, s: TextStyle): string[] {
  const lines = [
    s.bold(`tightrole diff: ${t(diff.role)}`),
    `${headline(diff)}${diff.changed ? '' : ' (no change)'}`,
  ];
  for (const p of diff.current.policies)
    lines.push(`  current ${p.kind}: ${t(p.name)} ${s.dim(`(${t(p.origin)})`)}`);
  for (const note of diff.current.notes) lines.push(s.yellow(`  note: ${t(note)}`));
  return lines;
}

function summary(diff: RoleDiff, s: TextStyle): string[] {
  const { before, after, risks } = diff.summary;
  const row = (label: string, b: number, a: number) =>
    `  ${pad(label, 48)}${pad(count(b), 8, 'right')}${pad(count(a), 8, 'right')}${a < b ? s.green('  removed') : a > b ? s.red('  added') : ''}`;
  return [
    s.bold(`${pad('Privilege reduction', 50)}${pad('before', 8, 'right')}${pad('after', 8, 'right')}`),
    row('actions allowed', before.actions, after.actions),
    row('actions on "*"', before.onStar, after.onStar),
    ...risks.map((r) => row(r.description, r.before, r.after)),
  ];
}

function used(diff: RoleDiff, s: TextStyle): string[] {
  if (diff.used.length === 0) return [];
  return [
    s.bold(`Used: ${plural(diff.used.length, 'action')}`),
    ...diff.used.map(
      (u) =>
        `  ${pad(t(u.action), 44)}${pad(u.accessLevel, 24)}${pad(plural(u.calls, 'call'), 12, 'right')}${u.current === 'allowed' ? '' : s.yellow(`  current: ${u.current}`)}`,
    ),
  ];
}

function unused(diff: RoleDiff, s: TextStyle): string[] {
  if (diff.unused.length === 0) return [];
  return [
    s.bold(`Granted but unused: ${plural(unusedCount(diff), 'action')}`),
    ...diff.unused.map((g) => {
      const shown = g.actions.slice(0, TEXT_LIMITS.actionsPerGroup).map(t).join(', ');
      const more =
        g.actions.length > TEXT_LIMITS.actionsPerGroup
          ? `, ... (+${count(g.actions.length - TEXT_LIMITS.actionsPerGroup)})`
          : '';
      return `  ${pad(t(g.service), 20)}${pad(g.accessLevel, 24)}${pad(g.scope === '*' ? 'on *' : 'scoped', 8)}${pad(count(g.actions.length), 6, 'right')}  ${s.dim(shown + more)}`;
    }),
  ];
}

function notVisible(diff: RoleDiff, s: TextStyle): string[] {
  const lacked = lackedDataEvents(diff);
  if (diff.notVisible.length === 0 && lacked.length === 0) return [];
  const shown = diff.notVisible.slice(0, TEXT_LIMITS.notGranted);
  const rest = diff.notVisible.length - shown.length;
  return [
    s.bold(
      `Not visible in this evidence: ${plural(diff.notVisible.length, 'action')}${diff.keptNotVisible ? ' (kept in the proposal)' : ' (dropped: --no-keep-not-visible)'}`,
    ),
    ...lacked.map((l) => s.yellow(`  the evidence lacked ${t(l)}`)),
    ...shown.map((n) => `  ${pad(t(n.action), 44)}${s.dim(t(n.reason) + (n.inferred ? ' (inferred)' : ''))}`),
    ...(rest > 0 ? [`  ... ${count(rest)} more (see --format json)`] : []),
  ];
}

function inferred(diff: RoleDiff, s: TextStyle): string[] {
  if (diff.inferred.length === 0) return [];
  return [
    s.bold(`Inferred, no call behind them (platform baseline): ${plural(diff.inferred.length, 'grant')}`),
    ...diff.inferred.map(
      (g) =>
        `  ${pad(t(g.action), 44)}on ${t(g.resource)} ${s.dim(`(${t(g.baseline)})`)}${g.current === 'allowed' ? '' : s.yellow(`  current: ${g.current}`)}`,
    ),
  ];
}

function narrowing(diff: RoleDiff, s: TextStyle): string[] {
  if (diff.narrowing.length === 0) return [];
  return [
    s.bold(`Resource narrowing: ${plural(diff.narrowing.length, 'group')}`),
    ...diff.narrowing.flatMap((n) => [
      `  ${n.actions.map(t).join(', ')}`,
      ...n.before.map((r) => s.red(`    - ${t(r)}`)),
      ...n.after.map((r) => s.green(`    + ${t(r)}`)),
    ]),
  ];
}

function missing(diff: RoleDiff, s: TextStyle): string[] {
  if (diff.notGranted.length === 0) return [];
  const shown = diff.notGranted.slice(0, TEXT_LIMITS.notGranted);
  const rest = diff.notGranted.length - shown.length;
  return [
    s.bold(`Used but not granted: ${plural(diff.notGranted.length, 'call group')}`),
    ...shown.flatMap((n) => [
      `  ${s.yellow(t(n.action))} on ${t(n.resource)}: ${plural(n.calls, 'call')}`,
      `    ${notGrantedReason(n)}`,
    ]),
    ...(rest > 0 ? [`  ... ${count(rest)} more (see --format json)`] : []),
  ];
}

function proposed(diff: RoleDiff, s: TextStyle): string[] {
  const title =
    diff.proposed.length === 1
      ? 'Proposed policy'
      : `Proposed policies (${diff.proposed.length} managed policies)`;
  return [s.bold(title), ...diff.proposed.flatMap((d) => renderPolicyJson(d).trimEnd().split('\n').map(t))];
}
