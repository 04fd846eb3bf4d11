import { logicalIds } from './identifiers.ts';
import { orderedPolicy, safeJson } from './json.ts';
import { iamPolicyNames } from './names.ts';
import { safeYaml } from './cloudformation-yaml.ts';
import { GENERATED_POLICY_SUFFIX, type NamedPolicy } from './terraform.ts';

/** `AWS::IAM::RolePolicy`, `AWS::IAM::ManagedPolicy` (attached via `Roles`), or a SAM `Policies:` list. */
export type CloudFormationKind = 'role-policy' | 'managed-policy' | 'sam';

/** A document set the asked-for template shape cannot hold as IAM would accept it. */
export class ExportShapeError extends Error {
  override name = 'ExportShapeError';
}

export interface CloudFormationOptions {
  format: 'yaml' | 'json';
  kind: CloudFormationKind;
  /** The role of every document; overrides `NamedPolicy.roleName` (default: the document's name). */
  roleName?: string;
  /** Appended to each name for `PolicyName` (default `-least-privilege`; `convert` keeps names: `''`). */
  policyNameSuffix?: string;
}

/**
 * A CloudFormation template fragment (`Resources:` with one resource per document, a split part
 * (`managed`) always as `AWS::IAM::ManagedPolicy` with `Roles`, logical IDs
 * alphanumeric, unique and deterministic) or, for `sam`, the `Policies:` list of an
 * `AWS::Serverless::Function` with each document inline. Built as data and serialized by the `yaml`
 * library or JSON.stringify (2-space indent), never by string concatenation. We never emit `!Sub`
 * or other intrinsics, so `${...}` in a value (`${aws:username}`, `${AWS::AccountId}`) is literal text
 * to CloudFormation and reaches IAM unchanged.
 */
export function renderCloudFormation(docs: readonly NamedPolicy[], options: CloudFormationOptions): string {
  const value = options.kind === 'sam' ? samPolicies(docs) : { Resources: resources(docs, options) };
  return options.format === 'json' ? `${safeJson(value)}\n` : safeYaml(value);
}

/**
 * One role: `{ Policies: [...] }`, to paste under its function's `Properties`. Several roles: one such
 * list per role, keyed by role ARN, so no function is ever handed another role's documents. A split
 * part is refused: SAM writes each listed document as an inline policy of the function's role, and
 * those share the 10,240-character quota the split exists to avoid.
 */
function samPolicies(docs: readonly NamedPolicy[]): Record<string, unknown> {
  const split = docs.find((d) => d.managed);
  if (split)
    throw new ExportShapeError(
      `${split.roleArn ?? split.roleName ?? split.name}: too large for one inline policy, and a SAM Policies: list ` +
        'makes inline policies; use --cloudformation-resource managed-policy',
    );
  const groups = new Map<string, unknown[]>();
  for (const d of docs) {
    const key = d.roleArn ?? d.roleName ?? d.name;
    groups.set(key, [...(groups.get(key) ?? []), orderedPolicy(d.policy)]);
  }
  if (groups.size <= 1) return { Policies: [...groups.values()].flat() };
  return Object.fromEntries([...groups].map(([key, Policies]) => [key, { Policies }]));
}

function resources(docs: readonly NamedPolicy[], options: CloudFormationOptions): Record<string, unknown> {
  const { kind, roleName } = options;
  const derived = logicalIds(
    docs.map((d) => d.name),
    docs.map((d) => (kind === 'role-policy' && !d.managed ? 'Policy' : 'ManagedPolicy')),
  );
  const ids = docs.map((d, i) => d.logicalId ?? derived[i]!);
  const policyNames = iamPolicyNames(
    docs.map((d) => d.name),
    options.policyNameSuffix ?? GENERATED_POLICY_SUFFIX,
  );
  const out: Record<string, unknown> = {};
  docs.forEach((doc, i) => {
    const role = roleName ?? doc.roleName ?? doc.name;
    const PolicyDocument = orderedPolicy(doc.policy);
    // Metadata is free-form for CloudFormation and kept in both YAML and JSON, unlike a comment.
    const Metadata = doc.roleArn === undefined ? {} : { Metadata: { Tightrole: { RoleArn: doc.roleArn } } };
    out[ids[i]!] =
      kind === 'role-policy' && !doc.managed
        ? {
            Type: 'AWS::IAM::RolePolicy',
            ...Metadata,
            Properties: { PolicyName: policyNames[i]!, RoleName: role, PolicyDocument },
          }
        : { Type: 'AWS::IAM::ManagedPolicy', ...Metadata, Properties: { PolicyDocument, Roles: [role] } };
  });
  return out;
}
