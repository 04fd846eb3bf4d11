import type { HclItem } from './hcl.ts';

/** `none`: only the data sources; `role-policy`: `aws_iam_role_policy`; `policy`: `aws_iam_policy` + attachment. */
export type TerraformResource = 'none' | 'role-policy' | 'policy';

/** What one document's resources need: its (sanitized) label, IAM policy name and role name. */
export interface ResourceNames {
  id: string;
  policyName: string;
  role: string;
  /** `aws.<alias>` on every resource, so each lands in its role's account (a sanitized identifier). */
  providerAlias?: string;
}

const str = (name: string, value: string): HclItem => ({
  kind: 'attribute',
  name,
  value: { kind: 'string', value },
});
/** References are built from sanitized identifiers only, so they are safe to write unquoted. */
const ref = (name: string, text: string): HclItem => ({
  kind: 'attribute',
  name,
  value: { kind: 'expression', text },
});

/** The resources that put one `data.aws_iam_policy_document.<id>` on its role. */
export function resourceBlocks(resource: TerraformResource, names: ResourceNames): HclItem[] {
  const { id, policyName, role } = names;
  const json = `data.aws_iam_policy_document.${id}.json`;
  if (resource === 'none') return [];
  const provider = names.providerAlias === undefined ? [] : [ref('provider', `aws.${names.providerAlias}`)];
  if (resource === 'role-policy') {
    return [
      {
        kind: 'block',
        type: 'resource',
        labels: ['aws_iam_role_policy', id],
        body: [...provider, str('name', policyName), str('role', role), ref('policy', json)],
      },
    ];
  }
  return [
    {
      kind: 'block',
      type: 'resource',
      labels: ['aws_iam_policy', id],
      body: [...provider, str('name', policyName), ref('policy', json)],
    },
    {
      kind: 'block',
      type: 'resource',
      labels: ['aws_iam_role_policy_attachment', id],
      body: [...provider, str('role', role), ref('policy_arn', `aws_iam_policy.${id}.arn`)],
    },
  ];
}
