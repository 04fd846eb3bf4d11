import { fromAuthorizationDetails, sameRole } from './authorization-details.ts';
import { decodeDocument, field, type DocumentResult } from './document.ts';
import type { CurrentPolicies, CurrentPolicy, CurrentPolicyKind, ShapeResult } from './types.ts';

/**
 * Reads current policies from the JSON shapes people have at hand: a bare policy document; the AWS CLI
 * outputs of `get-role-policy`, `get-policy-version` and `get-account-authorization-details` (the role
 * picked by `role`, ARN or name); boto3 recordings (`{"status_code", "data"}`) of those. Pure.
 */
export function currentFromJson(value: unknown, origin: string, role: string): ShapeResult {
  const data =
    field(value, 'status_code') !== undefined && field(value, 'data') !== undefined
      ? field(value, 'data')
      : value;
  if (field(data, 'Statement') !== undefined)
    return single(decodeDocument(data, origin), origin, 'document', baseName(origin));
  if (field(data, 'PolicyDocument') !== undefined) return rolePolicy(data, origin, role);
  const version = field(data, 'PolicyVersion');
  if (version !== undefined) {
    const id = field(version, 'VersionId');
    const name = `${baseName(origin)}${typeof id === 'string' ? ` (${id})` : ''}`;
    return single(
      decodeDocument(field(version, 'Document'), `${origin}: PolicyVersion.Document`),
      origin,
      'managed',
      name,
    );
  }
  if (field(data, 'RoleDetailList') !== undefined) return fromAuthorizationDetails(data, origin, role);
  return {
    ok: false,
    problems: [
      `${origin}: not a policy document, get-role-policy, get-policy-version or get-account-authorization-details output`,
    ],
  };
}

function rolePolicy(data: unknown, origin: string, role: string): ShapeResult {
  const name = field(data, 'PolicyName');
  const roleName = field(data, 'RoleName');
  const result = single(
    decodeDocument(field(data, 'PolicyDocument'), `${origin}: PolicyDocument`),
    origin,
    'inline',
    typeof name === 'string' ? name : baseName(origin),
  );
  if (result.ok && typeof roleName === 'string' && !sameRole(roleName, role))
    result.value.notes.push(
      `${origin}: this inline policy belongs to role ${roleName}, not ${role}; counted anyway`,
    );
  return result;
}

function single(result: DocumentResult, origin: string, kind: CurrentPolicyKind, name: string): ShapeResult {
  if (!result.ok) return result;
  const policy: CurrentPolicy = { name, kind, origin, document: result.document };
  return { ok: true, value: { policies: [policy], boundary: [], notes: result.notes } };
}

/** The last path segment of a file name. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins several inputs' policies into one set. */
export function mergeCurrent(parts: readonly CurrentPolicies[]): CurrentPolicies {
  return {
    policies: parts.flatMap((p) => p.policies),
    boundary: parts.flatMap((p) => p.boundary),
    notes: parts.flatMap((p) => p.notes),
  };
}
