import { field, list } from '../current/document.ts';
import { markTemplate } from './current-policies-hcl.ts';
import { wholeReference } from './current-policies-tf-document.ts';

type Blocks = Record<string, Record<string, unknown[]>>;
type Tree = Record<string, unknown>;

/** How the folder ties `aws_iam_policy` resources (by label) to the role, as IAM would see it. */
export interface RoleAttachments {
  /** Attached managed policies: they grant. */
  attached: Set<string>;
  /** The role's permissions boundary: it caps what the grants allow, never grants. */
  boundary: Set<string>;
  notes: string[];
}

/** Does a `role`/`roles`/`role_name` value name this role (resolving `aws_iam_role.X.name/id`)? */
export type RoleTest = (value: unknown, where: string) => boolean;

/**
 * Follows every way Terraform attaches a managed policy to a role: `aws_iam_role_policy_attachment`,
 * `aws_iam_policy_attachment` (`roles`), `aws_iam_role_policy_attachments_exclusive` (`policy_arns`),
 * the role's own `managed_policy_arns`, and its `permissions_boundary` (kept apart: a cap). A policy ARN
 * is `aws_iam_policy.X.arn` or a literal ARN whose name matches a policy in the folder; anything else
 * (an AWS-managed policy, a variable) is not in these files, and is noted.
 */
export function roleAttachments(
  files: readonly { path: string; tree: Tree }[],
  isRole: RoleTest,
  isRoleBlock: (block: unknown) => boolean,
): RoleAttachments {
  const policyNames = new Map<string, string>();
  for (const { tree } of files)
    for (const [label, block] of labelled(resources(tree)['aws_iam_policy'])) {
      const name = field(block, 'name');
      policyNames.set(label, typeof name === 'string' && !name.includes('${') ? name : label);
    }
  const out: RoleAttachments = { attached: new Set(), boundary: new Set(), notes: [] };
  const attach = (into: Set<string>, arn: unknown, where: string) => {
    const label = policyLabel(arn, policyNames);
    if (label) into.add(label);
    else out.notes.push(`${where}: ${shownArn(arn)} is not an aws_iam_policy in these files; not counted`);
  };
  for (const { path, tree } of files) {
    const r = resources(tree);
    for (const [label, block] of labelled(r['aws_iam_role_policy_attachment'])) {
      const where = `${path}: aws_iam_role_policy_attachment.${label}`;
      if (isRole(field(block, 'role'), where)) attach(out.attached, field(block, 'policy_arn'), where);
    }
    for (const [label, block] of labelled(r['aws_iam_policy_attachment'])) {
      const where = `${path}: aws_iam_policy_attachment.${label}`;
      if (list(field(block, 'roles')).some((role) => isRole(role, where)))
        attach(out.attached, field(block, 'policy_arn'), where);
    }
    for (const [label, block] of labelled(r['aws_iam_role_policy_attachments_exclusive'])) {
      const where = `${path}: aws_iam_role_policy_attachments_exclusive.${label}`;
      if (isRole(field(block, 'role_name'), where))
        for (const arn of list(field(block, 'policy_arns'))) attach(out.attached, arn, where);
    }
    for (const [label, block] of labelled(r['aws_iam_role'])) {
      if (!isRoleBlock(block)) continue;
      const where = `${path}: aws_iam_role.${label}`;
      for (const arn of list(field(block, 'managed_policy_arns'))) attach(out.attached, arn, where);
      const boundary = field(block, 'permissions_boundary');
      if (boundary !== undefined) attach(out.boundary, boundary, `${where}.permissions_boundary`);
    }
  }
  return out;
}

function resources(tree: Tree): Blocks {
  return (tree['resource'] ?? {}) as Blocks;
}

function labelled(blocks: Record<string, unknown[]> | undefined): [string, unknown][] {
  return Object.entries(blocks ?? {}).map(([label, b]) => [label, list(b)[0]]);
}

/** `${aws_iam_policy.X.arn}` -> X; `arn:aws:iam::123:policy/path/name` -> the policy named `name`. */
function policyLabel(arn: unknown, policyNames: ReadonlyMap<string, string>): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const ref = wholeReference(markTemplate(arn));
  if (ref) {
    const label = /^aws_iam_policy\.([\w-]+)\.(?:arn|id)$/.exec(ref)?.[1];
    return label && policyNames.has(label) ? label : undefined;
  }
  const name = /^arn:[\w-]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
  if (!name) return undefined;
  return [...policyNames].find(([, n]) => n === name)?.[0];
}

function shownArn(arn: unknown): string {
  return typeof arn === 'string' ? arn : (JSON.stringify(arn) ?? 'a missing policy_arn');
}
