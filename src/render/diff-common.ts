import type { NotGranted, RoleDiff } from '../diff/types.ts';

/** `1234` -> `1,234`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `3 actions`, `1 action`. */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** What a call the current policies do not simply allow means, in one sentence. */
export function notGrantedReason(n: NotGranted): string {
  if (n.outcome === 'denied')
    return n.current === 'allowed'
      ? 'AccessDenied in the logs although the current policies allow it: another policy (SCP, boundary, resource or session policy) refused it'
      : `AccessDenied in the logs; the current policies give ${n.current}`;
  if (n.outcome === 'failed')
    return n.current === 'conditional'
      ? 'authorized, then failed on the resource (the code handles that error); the current policies allow it only under conditions the logs cannot confirm'
      : `authorized, then failed on the resource (the code handles that error); the current policies give ${n.current}, so it would get AccessDenied instead`;
  if (n.current === 'conditional' && n.resourcePattern)
    return 'succeeded; unknown whether the current policies allow it: the logs name the resource only as this pattern, and they allow some of what it stands for';
  if (n.current === 'conditional')
    return 'succeeded; the current policies allow it only under conditions the logs cannot confirm';
  if (n.current === 'explicit-deny')
    return 'succeeded in the logs, but the current policies explicitly deny it (it fails today)';
  return 'succeeded in the logs, but the current policies do not allow it (it fails today)';
}

/** The one-line headline: how much the role can do and how much it used. */
export function headline(diff: RoleDiff): string {
  const { before, after } = diff.summary;
  return `${plural(before.actions, 'action')} allowed today, ${count(after.actions)} needed`;
}

/** The role's name (last ARN segment). */
export function roleName(diff: RoleDiff): string {
  return diff.role.slice(diff.role.lastIndexOf('/') + 1);
}

/** Unused actions in total. */
export function unusedCount(diff: RoleDiff): number {
  return diff.unused.reduce((n, g) => n + g.actions.length, 0);
}

/** The data-event types the role's grants touch that the evidence holds no event of, as phrases. */
export function lackedDataEvents(diff: RoleDiff): string[] {
  return diff.dataEvents.filter((d) => !d.seen).map((d) => `${d.label} data events (${d.resourceType})`);
}
