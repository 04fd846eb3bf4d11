import { decodeDocument, field, list } from './document.ts';
import type { CurrentPolicy, CurrentPolicyKind, ShapeResult } from './types.ts';

/** Same role? Compares names (the last ARN segment), case-insensitively as IAM does. */
export function sameRole(a: string, b: string): boolean {
  const name = (s: string) => s.slice(s.lastIndexOf('/') + 1).toLowerCase();
  return a.toLowerCase() === b.toLowerCase() || name(a) === name(b);
}

/**
 * `aws iam get-account-authorization-details`: the role's inline policies (`RolePolicyList`), its
 * attached managed policies (default version from `Policies[].PolicyVersionList`) and its permissions
 * boundary. A managed policy missing from `Policies` is noted and not counted.
 */
export function fromAuthorizationDetails(data: unknown, origin: string, role: string): ShapeResult {
  const roles = list(field(data, 'RoleDetailList'));
  const match = roles.find((r) =>
    [field(r, 'Arn'), field(r, 'RoleName')].some((v) => typeof v === 'string' && sameRole(v, role)),
  );
  if (!match) {
    const names = roles.map((r) => String(field(r, 'RoleName'))).slice(0, 10);
    return {
      ok: false,
      problems: [
        `${origin}: role ${role} is not in RoleDetailList (${roles.length} role(s): ${names.join(', ')})`,
      ],
    };
  }
  const policies: CurrentPolicy[] = [];
  const boundary: CurrentPolicy[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  const add = (
    target: CurrentPolicy[],
    kind: CurrentPolicyKind,
    name: string,
    document: unknown,
    where: string,
  ) => {
    const result = decodeDocument(document, `${origin}: ${where}`);
    if (!result.ok) return problems.push(...result.problems);
    notes.push(...result.notes);
    return target.push({ name, kind, origin, document: result.document });
  };
  list(field(match, 'RolePolicyList')).forEach((p, i) =>
    add(
      policies,
      'inline',
      String(field(p, 'PolicyName') ?? `inline-${i}`),
      field(p, 'PolicyDocument'),
      `RolePolicyList/${i}`,
    ),
  );
  for (const attached of list(field(match, 'AttachedManagedPolicies'))) {
    const arn = String(field(attached, 'PolicyArn'));
    const document = defaultVersion(data, arn);
    if (document === undefined)
      notes.push(`${origin}: attached managed policy ${arn} is not in Policies; not counted`);
    else add(policies, 'managed', arn, document, arn);
  }
  const boundaryArn = field(field(match, 'PermissionsBoundary'), 'PermissionsBoundaryArn');
  if (typeof boundaryArn === 'string') {
    const document = defaultVersion(data, boundaryArn);
    if (document === undefined)
      notes.push(`${origin}: permissions boundary ${boundaryArn} is not in Policies; ignored`);
    else add(boundary, 'boundary', boundaryArn, document, boundaryArn);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { policies, boundary, notes } };
}

function defaultVersion(data: unknown, arn: string): unknown {
  const policy = list(field(data, 'Policies')).find((p) => field(p, 'Arn') === arn);
  const version = list(field(policy, 'PolicyVersionList')).find((v) => field(v, 'IsDefaultVersion') === true);
  return field(version, 'Document');
}
