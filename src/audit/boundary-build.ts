import { unescapeIamValue } from '../catalog/arn-template.ts';
import {
  BOUNDARY_POLICY_CHANGE_ACTIONS,
  BOUNDARY_REMOVAL_ACTIONS,
  ESCALATION_ACTIONS,
} from '../catalog/escalation.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn, IamAction } from '../model/identifiers.ts';
import { POLICY_VERSION, type PolicyDocument, type Statement } from '../model/policy.ts';

export interface BoundaryOptions {
  /** Allow whole services (`s3:*`) rather than the actions used. */
  serviceLevel: boolean;
  /** The boundary's managed policy name (its own ARN is protected from change). */
  policyName: string;
}

/** Why one statement of the boundary exists, for `--explain`. */
export interface BoundaryPart {
  sid: string;
  why: string;
}

export interface Boundary {
  document: PolicyDocument;
  parts: BoundaryPart[];
  /** Escalation actions the roles used, so the Deny spares the resources they used them on. */
  usedEscalation: IamAction[];
  accounts: string[];
  regions: string[];
}

const ACCOUNT_IN_ARN = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;

/** The account an ARN names, if it names one (S3 buckets and objects do not). */
export function accountOf(resource: string): string | undefined {
  return ACCOUNT_IN_ARN.exec(resource)?.[1];
}

/**
 * A permissions boundary for `roles` from their selected facts (rule in docs/audit.md):
 * - Allow what they used (actions, or services with `serviceLevel`), held to the regions seen
 *   (`aws:RequestedRegion`) where every call of that action recorded its region, and to the accounts
 *   seen (`aws:ResourceAccount`, IfExists because not every action puts the key in the request
 *   context) where every resource it was used on names its account.
 * - Deny every escalation-capable action on `"*"`; one the roles used is denied everywhere but the
 *   resources they used it on (or, without resource-level permissions, left out and said in `parts`).
 * - Deny removing or replacing these roles' boundaries and changing the boundary policy itself.
 * Pure; statements and values sorted.
 */
export function buildBoundary(
  facts: readonly Fact[],
  roles: readonly Arn[],
  options: BoundaryOptions,
): Boundary {
  const parts: BoundaryPart[] = [];
  const regions = sorted(new Set(facts.flatMap((f) => f.context['aws:RequestedRegion'] ?? [])));
  const accounts = sorted(
    new Set(
      facts
        .flatMap((f) => (f.resources === '*' ? [] : f.resources.map(accountOf)))
        .filter((a): a is string => a !== undefined),
    ),
  );
  const byUnit = new Map<string, Fact[]>();
  for (const f of facts) {
    const unit = options.serviceLevel ? `${f.action.slice(0, f.action.indexOf(':'))}:*` : f.action;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), f]);
  }
  // One Allow per (held to accounts?, held to regions?): a unit goes where all of its calls fit.
  const groups = new Map<string, { scoped: boolean; regional: boolean; units: string[] }>();
  for (const [unit, list] of byUnit) {
    const scoped = list.every(namesAccounts);
    const regional = regions.length > 0 && list.every((f) => f.context['aws:RequestedRegion'] !== undefined);
    const key = `${scoped ? 1 : 0}${regional ? 1 : 0}`;
    const group = groups.get(key) ?? { scoped, regional, units: [] };
    group.units.push(unit);
    groups.set(key, group);
  }
  const statements: Statement[] = [];
  const what = options.serviceLevel ? 'service(s)' : 'action(s)';
  for (const key of ['11', '10', '01', '00']) {
    const g = groups.get(key);
    if (!g) continue;
    const sid = `Used${g.scoped ? 'InSeenAccounts' : ''}${g.regional ? 'InSeenRegions' : ''}`;
    const condition = {
      ...(g.regional ? { StringEquals: { 'aws:RequestedRegion': regions } } : {}),
      ...(g.scoped ? { StringEqualsIfExists: { 'aws:ResourceAccount': accounts } } : {}),
    };
    statements.push({
      Sid: sid,
      Effect: 'Allow',
      Action: sorted(g.units),
      Resource: ['*'],
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    });
    const held = [
      g.scoped ? `account(s) ${accounts.join(', ')}` : '',
      g.regional ? `region(s) ${regions.join(', ')}` : '',
    ].filter((x) => x !== '');
    parts.push({
      sid,
      why: `${g.units.length} ${what} used${held.length > 0 ? `, held to ${held.join(' and ')}` : ''}${g.scoped ? '' : '; some resource names no account (S3, "*")'}${g.regional ? '' : '; some call recorded no region'}`,
    });
  }
  const usedEscalation = escalationDenies(facts, statements, parts);
  const roleAccounts = iamPrefixes(roles);
  statements.push({
    Sid: 'DenyBoundaryRemoval',
    Effect: 'Deny',
    Action: [...BOUNDARY_REMOVAL_ACTIONS].sort(),
    Resource: [...roles].sort(),
  });
  parts.push({
    sid: 'DenyBoundaryRemoval',
    why: `these ${roles.length} role(s) can never lose or replace their boundary`,
  });
  statements.push({
    Sid: 'DenyBoundaryPolicyChange',
    Effect: 'Deny',
    Action: [...BOUNDARY_POLICY_CHANGE_ACTIONS].sort(),
    Resource: roleAccounts.map((prefix) => `${prefix}:policy/${options.policyName}`),
  });
  parts.push({
    sid: 'DenyBoundaryPolicyChange',
    why: `the boundary policy ${options.policyName} cannot be rewritten or deleted by these roles`,
  });
  return {
    document: { Version: POLICY_VERSION, Statement: statements },
    parts,
    usedEscalation,
    accounts,
    regions,
  };
}

function escalationDenies(
  facts: readonly Fact[],
  statements: Statement[],
  parts: BoundaryPart[],
): IamAction[] {
  const usedOn = new Map<string, Set<string> | '*'>();
  for (const f of facts) {
    const e = ESCALATION_ACTIONS.find((x) => x.action.toLowerCase() === f.action.toLowerCase());
    if (!e) continue;
    const prior = usedOn.get(e.action);
    if (f.resources === '*' || prior === '*') usedOn.set(e.action, '*');
    else usedOn.set(e.action, new Set([...(prior ?? []), ...f.resources.map(unescapeIamValue)]));
  }
  const unused = ESCALATION_ACTIONS.map((e) => e.action).filter((a) => !usedOn.has(a));
  statements.push({
    Sid: 'DenyPrivilegeEscalation',
    Effect: 'Deny',
    Action: sorted(unused),
    Resource: ['*'],
  });
  parts.push({
    sid: 'DenyPrivilegeEscalation',
    why: `${unused.length} escalation-capable action(s) no role used (data/escalation-actions.json)`,
  });
  for (const [action, on] of [...usedOn].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (on === '*') {
      parts.push({
        sid: '-',
        why: `${action} was used without resource-level scope: not denied (review it)`,
      });
      continue;
    }
    const sid = `Deny${action
      .split(':')
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join('')}Elsewhere`;
    statements.push({ Sid: sid, Effect: 'Deny', Action: [action], NotResource: sorted(on) });
    parts.push({ sid, why: `${action} was used on ${on.size} resource(s): denied on every other` });
  }
  return [...usedOn.keys()].sort() as IamAction[];
}

function namesAccounts(f: Fact): boolean {
  return f.resources !== '*' && f.resources.every((r) => accountOf(r) !== undefined);
}

/** `arn:<partition>:iam::<account>` of each role, sorted and distinct (roles in aws-cn stay in aws-cn). */
export function iamPrefixes(roles: readonly string[]): string[] {
  return sorted(new Set(roles.map((r) => r.split(':').slice(0, 5).join(':'))));
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
