import type { ActionIndex } from '../diff/expand.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import { EXPOSURE_WEIGHT, functionExposures, type ExposureLevel, type FunctionExposure } from './exposure.ts';
import type { IamState } from './iam-state.ts';
import type { LambdaConfig } from './lambda-shapes.ts';
import { rolePrivilege, type RolePrivilege } from './privilege.ts';

/** One role in the ranking. */
export interface AuditEntry {
  rank: number;
  role: Arn;
  /** exposure weight x unused-privilege weight (docs/audit.md). */
  score: number;
  exposure: ExposureLevel;
  functions: FunctionExposure[];
  /** Successful calls in the evidence window (0: no use). */
  calls: number;
  privilege: RolePrivilege;
  /** Some policy of the role could not be read: its grants are under-counted. */
  incomplete: boolean;
  /** What fixes it: a `tightrole diff` command, or what to do with an unused role. */
  fix: string;
}

export interface AuditModel {
  entries: AuditEntry[];
  /** Functions whose role made no successful call in the window. */
  unusedFunctions: string[];
  /** Roles seen in the evidence but not in the IAM inputs (cannot be audited). */
  unknownRoles: Arn[];
  /** Functions whose role is not in the IAM inputs. */
  functionsWithoutRole: string[];
}

export interface AuditInputs {
  iam: IamState;
  lambda: LambdaConfig;
  facts: readonly Fact[];
  index: ActionIndex;
  /** Builds the fix for a role that made calls (the CLI knows the evidence flags). */
  diffCommand: (role: Arn) => string;
}

/**
 * The ranking: every IAM role, scored exposure x unused privilege, highest first, ties by ARN. A
 * role no function uses has exposure `none`. Pure and deterministic (facts arrive in canonical order).
 */
export function rankRoles(input: AuditInputs): AuditModel {
  const exposures = functionExposures(input.lambda);
  const usedBy = new Map<string, { arn: Arn; actions: Set<string>; calls: number }>();
  for (const f of input.facts) {
    if (f.outcome !== 'allowed' || f.inferred) continue;
    const entry = usedBy.get(roleKey(f.principal)) ?? {
      arn: f.principal,
      actions: new Set<string>(),
      calls: 0,
    };
    entry.actions.add(f.action);
    entry.calls += f.count;
    usedBy.set(roleKey(f.principal), entry);
  }
  const roleKeys = new Set(input.iam.roles.map((r) => roleKey(r.arn)));
  const scored = input.iam.roles.map((r) => {
    const functions = exposures.filter((e) => roleKey(e.role) === roleKey(r.arn));
    const exposure = functions.reduce<ExposureLevel>(
      (best, f) => (EXPOSURE_WEIGHT[f.level] > EXPOSURE_WEIGHT[best] ? f.level : best),
      'none',
    );
    const use = usedBy.get(roleKey(r.arn));
    const privilege = rolePrivilege(r.current, use?.actions ?? new Set(), input.index);
    const calls = use?.calls ?? 0;
    return {
      role: r.arn,
      score: EXPOSURE_WEIGHT[exposure] * privilege.unusedWeight,
      exposure,
      functions,
      calls,
      privilege,
      incomplete: r.incomplete,
      fix: fixFor(r.arn, calls, privilege, input.diffCommand),
    };
  });
  scored.sort((a, b) => b.score - a.score || (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));

  return {
    entries: scored.map((e, i) => ({ rank: i + 1, ...e })),
    unusedFunctions: exposures.filter((e) => !usedBy.has(roleKey(e.role))).map((e) => e.function),
    unknownRoles: [...usedBy.entries()]
      .filter(([k]) => !roleKeys.has(k))
      .map(([, v]) => v.arn)
      .sort(),
    functionsWithoutRole: exposures.filter((e) => !roleKeys.has(roleKey(e.role))).map((e) => e.function),
  };
}

function fixFor(role: Arn, calls: number, p: RolePrivilege, diffCommand: (role: Arn) => string): string {
  if (p.granted.actions === 0) return 'nothing granted';
  if (calls === 0) return 'no use in the window: detach its policies, or delete the role if nothing needs it';
  if (p.unused.actions === 0) return 'nothing unused';
  return diffCommand(role);
}

/** Account and role name, lower case: IAM role names are unique per account regardless of case and path. */
function roleKey(arn: string): string {
  return `${arn.split(':')[4] ?? ''}/${arn.slice(arn.lastIndexOf('/') + 1).toLowerCase()}`;
}

/** Quotes one shell word when it holds anything but plain path characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
