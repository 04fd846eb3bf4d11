import { POLICY_VERSION, type PolicyDocument, type Principal, type Statement } from '../model/policy.ts';
import { renderHclItems, type HclItem, type HclOptions } from './hcl.ts';
import { terraformIdentifiers } from './identifiers.ts';
import { iamPolicyNames } from './names.ts';
import { resourceBlocks, type TerraformResource } from './terraform-resources.ts';

export type { TerraformResource } from './terraform-resources.ts';

/** A policy document with the raw name it is rendered under (a role name from the logs: untrusted). */
export interface NamedPolicy {
  name: string;
  policy: PolicyDocument;
  /** The role it belongs to, for `aws_iam_role_policy` / attachments (default `name`; `options.roleName` wins). */
  roleName?: string;
  /** The role's ARN, said above its blocks (a `#` comment; CloudFormation `Metadata`), and what keeps several roles' documents apart where a format has no role field (SAM). */
  roleArn?: string;
  /** The block label, chosen by the caller to be unique across every file of a run (default: from `name`). */
  label?: string;
  /** The CloudFormation logical ID, chosen like `label` (default: from `name`). */
  logicalId?: string;
  /** A provider alias (`aws.<alias>`) for the resources: set when one run spans several accounts. */
  providerAlias?: string;
  /**
   * One part of a proposal split to fit IAM's limits. A role's inline policies share one 10,240-character
   * quota, so a part is always written as a managed policy plus an attachment, whatever inline kind was asked.
   */
  managed?: boolean;
}

export interface TerraformOptions extends HclOptions {
  /** Also emit `aws_iam_role_policy`, or `aws_iam_policy` + `aws_iam_role_policy_attachment`. */
  resource: TerraformResource;
  /** The role of every document, for the resources; overrides `NamedPolicy.roleName`. */
  roleName?: string;
  /** Appended to each name for the IAM policy name (default `-least-privilege`; `convert` keeps names: `''`). */
  policyNameSuffix?: string;
}

/** What a generated policy is called in IAM: `<role>-least-privilege`, so it never shadows one the role has. */
export const GENERATED_POLICY_SUFFIX = '-least-privilege';

/**
 * `data "aws_iam_policy_document"` blocks (the conventions of iam-policy-json-to-terraform), plus
 * optionally `aws_iam_role_policy` or `aws_iam_policy` + `aws_iam_role_policy_attachment` per
 * document (a split part, `managed`, always gets the latter). Labels are valid, unique identifiers derived from the names; every string is escaped so
 * Terraform passes it to IAM unchanged. Throws `HclEncodingError` for strings HCL cannot hold exactly.
 */
export function renderTerraform(docs: readonly NamedPolicy[], options: TerraformOptions): string {
  const derived = terraformIdentifiers(docs.map((d) => d.name));
  const ids = docs.map((d, i) => d.label ?? derived[i]!);
  const policyNames = iamPolicyNames(
    docs.map((d) => d.name),
    options.policyNameSuffix ?? GENERATED_POLICY_SUFFIX,
  );
  const items: HclItem[] = docs.flatMap((doc, i) => [
    {
      kind: 'block' as const,
      type: 'data',
      labels: ['aws_iam_policy_document', ids[i]!],
      body: documentBody(doc.policy),
      ...(doc.roleArn !== undefined ? { comment: roleComment(doc.roleArn, doc.providerAlias) } : {}),
    },
    ...resourceBlocks(doc.managed && options.resource === 'role-policy' ? 'policy' : options.resource, {
      id: ids[i]!,
      policyName: policyNames[i]!,
      role: options.roleName ?? doc.roleName ?? doc.name,
      ...(doc.providerAlias !== undefined ? { providerAlias: doc.providerAlias } : {}),
    }),
  ]);
  return renderHclItems(items, options);
}

/** Which role (and account) the blocks are for; the resources name the role only by its name. */
function roleComment(roleArn: string, providerAlias: string | undefined): string {
  const account = providerAlias === undefined ? '' : `; resources use provider aws.${providerAlias}`;
  return `Role ${roleArn}${account}`;
}

const str = (name: string, value: string): HclItem => ({
  kind: 'attribute',
  name,
  value: { kind: 'string', value },
});
const list = (name: string, values: readonly string[]): HclItem => ({
  kind: 'attribute',
  name,
  value: { kind: 'list', values },
});

/**
 * The data source defaults `version` to 2012-10-17, so an older document states its version: under
 * 2008-10-17 IAM reads `${aws:username}` as plain text, and changing the version would change what it
 * grants (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
 */
function documentBody(policy: PolicyDocument): HclItem[] {
  const head: HclItem[] = [];
  if (policy.Version !== POLICY_VERSION) head.push(str('version', policy.Version));
  if (policy.Id !== undefined) head.push(str('policy_id', policy.Id));
  return [...head, ...policy.Statement.map(statementBlock)];
}

/** Attribute order as the peer writes it: sid, effect, resources, actions, condition, principals. */
function statementBlock(s: Statement): HclItem {
  const body: HclItem[] = [];
  if (s.Sid) body.push(str('sid', s.Sid));
  body.push(str('effect', s.Effect));
  const lists = [
    ['resources', s.Resource],
    ['not_resources', s.NotResource],
    ['actions', s.Action],
    ['not_actions', s.NotAction],
  ] as const;
  for (const [name, values] of lists) if (values) body.push(list(name, values));
  body.push(...conditionBlocks(s.Condition ?? {}));
  if (s.Principal) body.push(...principalBlocks('principals', s.Principal));
  if (s.NotPrincipal) body.push(...principalBlocks('not_principals', s.NotPrincipal));
  return { kind: 'block', type: 'statement', labels: [], body };
}

/** One `condition` block per (operator, key), sorted by test then variable. */
function conditionBlocks(condition: NonNullable<Statement['Condition']>): HclItem[] {
  const conditions = Object.entries(condition).flatMap(([test, keys]) =>
    Object.entries(keys).map(([variable, values]) => ({ test, variable, values })),
  );
  conditions.sort((a, b) => cmp(a.test, b.test) || cmp(a.variable, b.variable));
  return conditions.map((c) => ({
    kind: 'block',
    type: 'condition',
    labels: [],
    body: [str('test', c.test), str('variable', c.variable), list('values', c.values)],
  }));
}

/** `"*"` is type `*` with identifier `*` (how the AWS provider spells an anonymous principal). */
function principalBlocks(type: string, principal: Principal): HclItem[] {
  const entries = principal === '*' ? [['*', ['*']] as const] : Object.entries(principal);
  return entries.map(([kind, identifiers]) => ({
    kind: 'block',
    type,
    labels: [],
    body: [str('type', kind), list('identifiers', identifiers)],
  }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
