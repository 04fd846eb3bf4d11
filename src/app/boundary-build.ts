import { unescapeIamValue } from '../catalog/arn-template.ts';
import { BOUNDARY_POLICY_CHANGE_ACTIONS, BOUNDARY_REMOVAL_ACTIONS, ESCALATION_ACTIONS } from '../catalog/escalation.ts';
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
 * - Allow what they used (actions, or services with `serviceLevel`) in the regions seen
 *   (`aws:RequestedRegion`, when every call recorded its region); where every resource of a service's
 *   calls names its account, also held to the accounts seen (`aws:ResourceAccount`, IfExists because
 *   not every action puts the key in the request context).
 * - Deny every escalation-capable action on `"*"`; one the roles used is denied everywhere but the
 *   resources they used it on (or, without resource-level permissions, left out and said in `parts`).
 * - Deny removing or replacing these roles' boundaries and changing the boundary policy itself.
 * Pure; statements and values sorted.
 */
export function buildBoundary(facts: readonly Fact[], roles: readonly Arn[], options: BoundaryOptions): Boundary {
  const parts: BoundaryPart[] = [];
  const regions = allRegions(facts);
  const accounts = sorted(new Set(facts.flatMap((f) => (f.resources === '*' ? [] : f.resources.map(accountOf))).filter((a): a is string => a !== undefined)));
  const byUnit = new Map<string, Fact[]>();
  for (const f of facts) {
    const unit = options.serviceLevel ? `${f.action.slice(0, f.action.indexOf(':'))}:*` : f.action;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), f]);
  }
  const scoped: string[] = [];
  const open: string[] = [];
  for (const [unit, list] of byUnit) (list.every(namesAccounts) ? scoped : open).push(unit);
  const regionCondition = regions ? { StringEquals: { 'aws:RequestedRegion': regions } } : undefined;
  if (!regions) parts.push({ sid: '-', why: 'some calls did not record their region: no aws:RequestedRegion condition' });
  const statements: Statement[] = [];
  if (scoped.length > 0) {
    statements.push({
      Sid: 'UsedInSeenAccounts',
      Effect: 'Allow',
      Action: sorted(scoped),
      Resource: ['*'],
      Condition: { ...(regionCondition ?? {}), StringEqualsIfExists: { 'aws:ResourceAccount': accounts } },
    });
    parts.push({
      sid: 'UsedInSeenAccounts',
      why: `${scoped.length} ${options.serviceLevel ? 'service(s)' : 'action(s)'} used only on resources that name their account: held to account(s) ${accounts.join(', ')}${regions ? ` and region(s) ${regions.join(', ')}` : ''}`,
    });
  }
  if (open.length > 0) {
    statements.push({ Sid: 'Used', Effect: 'Allow', Action: sorted(open), Resource: ['*'], ...(regionCondition ? { Condition: regionCondition } : {}) });
    parts.push({
      sid: 'Used',
      why: `${open.length} ${options.serviceLevel ? 'service(s)' : 'action(s)'} used on resources without an account in the ARN (S3, "*")${regions ? `: held to region(s) ${regions.join(', ')}` : ''}`,
    });
  }
  const usedEscalation = escalationDenies(facts, statements, parts);
  const roleAccounts = sorted(new Set(roles.map((r) => r.split(':')[4] ?? '')));
  statements.push({ Sid: 'DenyBoundaryRemoval', Effect: 'Deny', Action: [...BOUNDARY_REMOVAL_ACTIONS].sort(), Resource: [...roles].sort() });
  parts.push({ sid: 'DenyBoundaryRemoval', why: `these ${roles.length} role(s) can never lose or replace their boundary` });
  statements.push({
    Sid: 'DenyBoundaryPolicyChange',
    Effect: 'Deny',
    Action: [...BOUNDARY_POLICY_CHANGE_ACTIONS].sort(),
    Resource: roleAccounts.map((a) => `arn:aws:iam::${a}:policy/${options.policyName}`),
  });
  parts.push({ sid: 'DenyBoundaryPolicyChange', why: `the boundary policy ${options.policyName} cannot be rewritten or deleted by these roles` });
  return { document: { Version: POLICY_VERSION, Statement: statements }, parts, usedEscalation, accounts, regions: regions ?? [] };
}

function escalationDenies(facts: readonly Fact[], statements: Statement[], parts: BoundaryPart[]): IamAction[] {
  const usedOn = new Map<string, Set<string> | '*'>();
  for (const f of facts) {
    const e = ESCALATION_ACTIONS.find((x) => x.action.toLowerCase() === f.action.toLowerCase());
    if (!e) continue;
    const prior = usedOn.get(e.action);
    if (f.resources === '*' || prior === '*') usedOn.set(e.action, '*');
    else usedOn.set(e.action, new Set([...(prior ?? []), ...f.resources.map(unescapeIamValue)]));
  }
  const unused = ESCALATION_ACTIONS.map((e) => e.action).filter((a) => !usedOn.has(a));
  statements.push({ Sid: 'DenyPrivilegeEscalation', Effect: 'Deny', Action: sorted(unused), Resource: ['*'] });
  parts.push({ sid: 'DenyPrivilegeEscalation', why: `${unused.length} escalation-capable action(s) no role used (data/escalation-actions.json)` });
  for (const [action, on] of [...usedOn].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (on === '*') {
      parts.push({ sid: '-', why: `${action} was used without resource-level scope: not denied (review it)` });
      continue;
    }
    const sid = `DenyElsewhere${action.replace(/[^A-Za-z0-9]/g, '')}`;
    statements.push({ Sid: sid, Effect: 'Deny', Action: [action], NotResource: sorted(on) });
    parts.push({ sid, why: `${action} was used on ${on.size} resource(s): denied on every other` });
  }
  return [...usedOn.keys()].sort() as IamAction[];
}

function namesAccounts(f: Fact): boolean {
  return f.resources !== '*' && f.resources.every((r) => accountOf(r) !== undefined);
}

function allRegions(facts: readonly Fact[]): string[] | undefined {
  const regions = new Set<string>();
  for (const f of facts) {
    const region = f.context['aws:RequestedRegion'];
    if (region === undefined) return undefined;
    regions.add(region);
  }
  return sorted(regions);
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
