import { createHash } from 'node:crypto';

/**
 * Names for a set of roles (output files, Terraform labels, CloudFormation logical IDs) that are
 * unique ignoring case and depend only on the SET of role ARNs, never on their order. A role keeps
 * its plain name while nothing else claims it; every role involved in a clash (the same name in two
 * accounts, names that sanitize alike, an invented `-2` or part suffix that another role owns, a
 * reserved name such as the index file) is qualified further, all of them, step by step:
 * name -> name + account -> + 8 hex of the ARN's SHA-256 -> + 16 hex -> + all 64.
 */
export interface NameScheme {
  /** The target-valid stem for an untrusted role name (never empty). */
  stem(roleName: string): string;
  /** The names one role takes at a qualification: `qualifiers` is [], [account] or [account, hash]. */
  names(stem: string, qualifiers: readonly string[], parts: number): string[];
  /** Names the output uses for itself, compared ignoring case. */
  reserved?: readonly string[];
}

/** One role to name: its ARN and how many names it needs (a split policy needs one per part). */
export interface RoleToName {
  arn: string;
  parts: number;
}

const HASH_LENGTHS = [8, 16, 64];
const MAX_LEVEL = 1 + HASH_LENGTHS.length;

/** ARN -> its names (length `parts`). Duplicate ARNs share one entry. */
export function roleNames(roles: readonly RoleToName[], scheme: NameScheme): Map<string, string[]> {
  const byArn = new Map(roles.map((r) => [r.arn, r]));
  const level = new Map([...byArn.keys()].map((arn) => [arn, 0]));
  const reserved = new Set((scheme.reserved ?? []).map((n) => n.toLowerCase()));
  for (;;) {
    const named = new Map([...byArn.values()].map((r) => [r.arn, namesAt(r, level.get(r.arn)!, scheme)]));
    const groups = clashes(named, reserved);
    if (groups.length === 0) return named;
    // Each clashing ARN moves up one step per round, whatever the order the clashes are found in.
    const bump = new Set<string>();
    for (const group of groups) {
      const below = group.filter((arn) => level.get(arn)! < MAX_LEVEL);
      // Unreachable: two fully qualified names alike need equal SHA-256 digests of distinct ARNs.
      if (below.length === 0) throw new Error(`no unique name for ${JSON.stringify(group[0])}`);
      for (const arn of below) bump.add(arn);
    }
    for (const arn of bump) level.set(arn, level.get(arn)! + 1);
  }
}

function namesAt(role: RoleToName, level: number, scheme: NameScheme): string[] {
  const { name, account } = roleParts(role.arn);
  const qualifiers = level === 0 ? [] : [account, ...(level > 1 ? [digest(role.arn, level)] : [])];
  return scheme.names(scheme.stem(name), qualifiers, role.parts);
}

/** The ARNs sharing each name that is not theirs alone (another ARN or the output uses it, ignoring case). */
function clashes(named: ReadonlyMap<string, string[]>, reserved: ReadonlySet<string>): string[][] {
  const owners = new Map<string, Set<string>>();
  for (const [arn, names] of named) {
    for (const name of names) {
      const key = name.toLowerCase();
      const set = owners.get(key) ?? new Set<string>();
      set.add(arn);
      owners.set(key, set);
    }
  }
  return [...owners].filter(([key, set]) => set.size > 1 || reserved.has(key)).map(([, set]) => [...set]);
}

/** Name and account of a role ARN; the account is `unknown` when the ARN has no 12-digit one. */
export function roleParts(arn: string): { name: string; account: string } {
  const account = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? 'unknown';
  return { name: arn.slice(arn.lastIndexOf('/') + 1), account };
}

function digest(arn: string, level: number): string {
  return createHash('sha256')
    .update(arn)
    .digest('hex')
    .slice(0, HASH_LENGTHS[level - 2]);
}
