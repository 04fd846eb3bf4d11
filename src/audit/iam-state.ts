import { fromAuthorizationDetails } from '../current/authorization-details.ts';
import { field, list } from '../current/document.ts';
import type { CurrentPolicies } from '../current/types.ts';
import { isRoleArn } from '../ingest/principal.ts';
import { lambdaOnlyTrustRoles } from './lambda-trust.ts';
import type { Arn } from '../model/identifiers.ts';

/** One role of the account as IAM holds it today. */
export interface AccountRole {
  arn: Arn;
  name: string;
  /** Inline, attached and boundary policies (unreadable ones are left out and named in `problems`). */
  current: CurrentPolicies;
  /** Some policy of this role could not be read: its grants are under-counted. */
  incomplete: boolean;
}

/** The account's roles, and what could not be read (each problem names the input). */
export interface IamState {
  roles: AccountRole[];
  problems: string[];
  /** Roles whose trust policy lets only Lambda assume them (see `lambdaOnlyTrustRoles`). */
  lambdaOnlyTrust?: string[];
}

/**
 * `aws iam get-account-authorization-details` output (or the same shape built from the API) -> every
 * role in `RoleDetailList` with its policies. A role entry without a valid role ARN is reported and
 * skipped; a role whose policies cannot all be read is kept, marked incomplete, with the problems
 * listed. Never invents a grant. Pure.
 */
export function iamStateFrom(data: unknown, origin: string): IamState {
  const roles: AccountRole[] = [];
  const problems: string[] = [];
  if (!Array.isArray(field(data, 'RoleDetailList')))
    return {
      roles,
      problems: [`${origin}: not get-account-authorization-details output (no RoleDetailList)`],
    };
  const seen = new Set<string>();
  list(field(data, 'RoleDetailList')).forEach((entry, i) => {
    const arn = field(entry, 'Arn');
    if (typeof arn !== 'string' || !isRoleArn(arn)) {
      problems.push(`${origin}: RoleDetailList/${i}: no valid role ARN; skipped`);
      return;
    }
    if (seen.has(arn)) {
      problems.push(`${origin}: RoleDetailList/${i}: ${arn} appears twice; the first entry is used`);
      return;
    }
    seen.add(arn);
    // Match by ARN only, against this one entry, so a forged RoleName cannot pick another role's policies.
    const result = fromAuthorizationDetails({ ...asRecord(data), RoleDetailList: [entry] }, origin, arn);
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    if (result.ok) roles.push({ arn, name, current: result.value, incomplete: false });
    else {
      problems.push(...result.problems);
      roles.push({ arn, name, current: { policies: [], boundary: [], notes: [] }, incomplete: true });
    }
  });
  roles.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const trust = lambdaOnlyTrustRoles(data, origin);
  return { roles, problems: [...problems, ...trust.problems], lambdaOnlyTrust: trust.roles };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Several inputs' states as one (a role in two inputs keeps the first). */
export function mergeIamStates(states: readonly IamState[]): IamState {
  const byArn = new Map<string, AccountRole>();
  const problems: string[] = [];
  for (const s of states) {
    problems.push(...s.problems);
    for (const r of s.roles) {
      if (byArn.has(r.arn)) problems.push(`${r.arn} is in more than one IAM input; the first is used`);
      else byArn.set(r.arn, r);
    }
  }
  const roles = [...byArn.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const lambdaOnlyTrust = [...new Set(states.flatMap((s) => s.lambdaOnlyTrust ?? []))].sort();
  return { roles, problems, lambdaOnlyTrust };
}
