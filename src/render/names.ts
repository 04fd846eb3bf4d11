import { roleParts } from './role-names.ts';

/**
 * Names that IAM accepts, from untrusted text (role names from logs, `--name`): the inline or managed
 * policy name that generated Terraform and CloudFormation give each document. Identifiers for the
 * generated code itself (Terraform labels, CloudFormation logical IDs) are in identifiers.ts.
 */

/** IAM policy names: `[\w+=,.@-]+`, at most 128 characters (CreatePolicy / PutRolePolicy). */
const MAX_POLICY_NAME = 128;
const NOT_IN_NAME = /[^A-Za-z0-9_+=,.@-]+/g;

/**
 * One IAM policy name per raw name, `<sanitized name><suffix>`: characters IAM refuses become `-`,
 * too-long names are cut before the suffix, an empty result is `policy`, and names that IAM would
 * treat as equal (it compares case-insensitively) get `-2`, `-3`... Deterministic for the same inputs
 * in the same order.
 */
export function iamPolicyNames(names: readonly string[], suffix = ''): string[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(NOT_IN_NAME, '-').replace(/^-+|-+$/g, '') || 'policy';
    let candidate = fit(base, suffix);
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = fit(base, `-${n}${suffix}`);
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

function fit(base: string, suffix: string): string {
  return `${base.slice(0, MAX_POLICY_NAME - suffix.length)}${suffix}`;
}

/**
 * `iamPolicyNames` with uniqueness per account, the scope IAM names live in: the same role name in two
 * accounts keeps the same policy name in each (not a `-2` that reads like another role's). Documents
 * without a role ARN share one scope.
 */
export function iamPolicyNamesByAccount(
  docs: readonly { name: string; roleArn?: string }[],
  suffix = '',
): string[] {
  const byAccount = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const account = d.roleArn === undefined ? '' : roleParts(d.roleArn).account;
    const indices = byAccount.get(account);
    if (indices) indices.push(i);
    else byAccount.set(account, [i]);
  });
  const out: string[] = new Array<string>(docs.length);
  for (const indices of byAccount.values()) {
    const names = iamPolicyNames(
      indices.map((i) => docs[i]!.name),
      suffix,
    );
    indices.forEach((docIndex, k) => (out[docIndex] = names[k]!));
  }
  return out;
}
