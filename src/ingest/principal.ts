import { boundedMemo } from '../bounded-memo.ts';
import { isRoleArn as isRoleArnUncached, type Arn } from '../model/identifiers.ts';

// Every record names its role: remember the answers for the few roles an account has.
const checkRoleArn = boundedMemo((value) => isRoleArnUncached(value), 1_000);

/** {@link isRoleArnUncached} (model/identifiers.ts), memoized for the record path. */
export function isRoleArn(value: string): value is Arn {
  return value.length <= 2048 && checkRoleArn(value);
}

/** The role name (last path segment) of a role ARN. */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** Selects roles by name or ARN, case-insensitively (IAM role names are unique regardless of case). */
export function roleSelector(selectors: readonly string[]): (roleArn: string) => boolean {
  if (selectors.length === 0) return () => true;
  const wanted = new Set(selectors.map((s) => s.toLowerCase()));
  return (roleArn) => wanted.has(roleArn.toLowerCase()) || wanted.has(roleNameOf(roleArn).toLowerCase());
}

/**
 * A case-insensitive pattern that any record of a selected role contains: its role name, as the
 * selector compares it (lower case), or a JSON `\u` escape, which may spell the name in a way no
 * text pattern sees (`\u0061` for `a`). It may let through records of other roles (the parsed
 * filter then skips them); it must never drop a record the parsed filter keeps (issue #19.11).
 */
export function roleTextFilter(selectors: readonly string[]): RegExp | undefined {
  if (selectors.length === 0) return undefined;
  const names = selectors.map((s) => roleNameOf(s.toLowerCase()).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp([...names, '\\\\u'].join('|'), 'i');
}
