import { decodeDocument, field, list } from '../current/document.ts';
import { isRoleArn } from '../ingest/principal.ts';
import type { Statement } from '../model/policy.ts';

const LAMBDA = 'lambda.amazonaws.com';
const ASSUME = /^sts:(?:assumerole|\*)$|^\*$/i;

/**
 * The roles of `get-account-authorization-details` output whose trust policy
 * (`AssumeRolePolicyDocument`, JSON or URL-encoded) lets Lambda and nothing else assume them: every
 * Allow statement names only the `lambda.amazonaws.com` service principal, with no NotPrincipal, and
 * at least one allows `sts:AssumeRole`. Such a role's sessions can only be Lambda's, so each is a
 * function named by its session. A role that also trusts a person, an account or another service is
 * left out: its sessions may be named anything. A document that cannot be read proves nothing. Pure.
 */
export function lambdaOnlyTrustRoles(data: unknown, origin: string): { roles: string[]; problems: string[] } {
  const roles: string[] = [];
  const problems: string[] = [];
  list(field(data, 'RoleDetailList')).forEach((entry, i) => {
    const arn = field(entry, 'Arn');
    const trust = field(entry, 'AssumeRolePolicyDocument');
    if (typeof arn !== 'string' || !isRoleArn(arn) || trust === undefined) return;
    const read = decodeDocument(trust, `${origin}: RoleDetailList/${i}/AssumeRolePolicyDocument`);
    if (!read.ok) problems.push(...read.problems.map((p) => `${p}; not used to recognise a Lambda role`));
    else if (trustsOnlyLambda(read.document.Statement)) roles.push(arn);
  });
  return { roles: [...new Set(roles)].sort(), problems };
}

function trustsOnlyLambda(statements: readonly Statement[]): boolean {
  const allows = statements.filter((s) => s.Effect === 'Allow');
  if (allows.length === 0) return false;
  const onlyLambda = allows.every((s) => {
    if (s.NotPrincipal !== undefined || s.Principal === undefined || s.Principal === '*') return false;
    const entries = Object.entries(s.Principal);
    return entries.every(([kind, values]) => kind === 'Service' && values.every((v) => v === LAMBDA));
  });
  return onlyLambda && allows.some((s) => (s.Action ?? []).some((a) => ASSUME.test(a)));
}
