import { logicalIds } from './identifiers.ts';
import { orderedPolicy, safeJson } from './json.ts';
import { iamPolicyNames } from './names.ts';
import { safeYaml } from './cloudformation-yaml.ts';
import type { NamedPolicy } from './terraform.ts';

/** `AWS::IAM::RolePolicy`, `AWS::IAM::ManagedPolicy` (attached via `Roles`), or a SAM `Policies:` list. */
export type CloudFormationKind = 'role-policy' | 'managed-policy' | 'sam';

export interface CloudFormationOptions {
  format: 'yaml' | 'json';
  kind: CloudFormationKind;
  /** The role of every document; overrides `NamedPolicy.roleName` (default: the document's name). */
  roleName?: string;
}

/**
 * A CloudFormation template fragment (`Resources:` with one resource per document, logical IDs
 * alphanumeric, unique and deterministic) or, for `sam`, the `Policies:` list of an
 * `AWS::Serverless::Function` with each document inline. Built as data and serialized by the `yaml`
 * library or JSON.stringify (2-space indent), never by string concatenation. We never emit `!Sub`
 * or other intrinsics, so `${...}` in a value (`${aws:username}`, `${AWS::AccountId}`) is literal text
 * to CloudFormation and reaches IAM unchanged.
 */
export function renderCloudFormation(docs: readonly NamedPolicy[], options: CloudFormationOptions): string {
  const value =
    options.kind === 'sam'
      ? { Policies: docs.map((d) => orderedPolicy(d.policy)) }
      : { Resources: resources(docs, options.kind, options.roleName) };
  return options.format === 'json' ? `${safeJson(value)}\n` : safeYaml(value);
}

function resources(
  docs: readonly NamedPolicy[],
  kind: 'role-policy' | 'managed-policy',
  roleName: string | undefined,
): Record<string, unknown> {
  const derived = logicalIds(
    docs.map((d) => d.name),
    kind === 'role-policy' ? 'Policy' : 'ManagedPolicy',
  );
  const ids = docs.map((d, i) => d.logicalId ?? derived[i]!);
  const policyNames = iamPolicyNames(
    docs.map((d) => d.name),
    '-least-privilege',
  );
  const out: Record<string, unknown> = {};
  docs.forEach((doc, i) => {
    const role = roleName ?? doc.roleName ?? doc.name;
    const PolicyDocument = orderedPolicy(doc.policy);
    // Metadata is free-form for CloudFormation and kept in both YAML and JSON, unlike a comment.
    const Metadata = doc.roleArn === undefined ? {} : { Metadata: { Tightrole: { RoleArn: doc.roleArn } } };
    out[ids[i]!] =
      kind === 'role-policy'
        ? {
            Type: 'AWS::IAM::RolePolicy',
            ...Metadata,
            Properties: { PolicyName: policyNames[i]!, RoleName: role, PolicyDocument },
          }
        : { Type: 'AWS::IAM::ManagedPolicy', ...Metadata, Properties: { PolicyDocument, Roles: [role] } };
  });
  return out;
}
