import YAML from 'yaml';
import { orderedPolicy } from './json.ts';
import { logicalIds } from './identifiers.ts';
import type { NamedPolicy } from './terraform.ts';

export type CloudFormationKind = 'role-policy' | 'managed-policy' | 'sam';

export interface CloudFormationOptions {
  format: 'yaml' | 'json';
  kind: CloudFormationKind;
}

/**
 * A CloudFormation template fragment (`AWS::IAM::RolePolicy` or `AWS::IAM::ManagedPolicy` per
 * document) or a SAM `Policies:` list, built as data and serialized by the `yaml` library (never by
 * string concatenation), so any string from the logs stays a plain scalar. We never emit `!Sub` or
 * other intrinsics, so `${...}` inside a value is literal text to CloudFormation.
 */
export function renderCloudFormation(docs: readonly NamedPolicy[], options: CloudFormationOptions): string {
  const value = options.kind === 'sam' ? samPolicies(docs) : { Resources: resources(docs, options.kind) };
  if (options.format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  // YAML 1.1 rules, so values such as 2012-10-17, yes or 0x1 are quoted for older parsers too.
  return YAML.stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

function resources(
  docs: readonly NamedPolicy[],
  kind: 'role-policy' | 'managed-policy',
): Record<string, unknown> {
  const ids = logicalIds(
    docs.map((d) => d.name),
    kind === 'role-policy' ? 'Policy' : 'ManagedPolicy',
  );
  const out: Record<string, unknown> = {};
  docs.forEach((doc, i) => {
    const role = doc.roleName ?? doc.name;
    out[ids[i]!] =
      kind === 'role-policy'
        ? {
            Type: 'AWS::IAM::RolePolicy',
            Properties: {
              PolicyName: `${doc.name}-least-privilege`,
              RoleName: role,
              PolicyDocument: orderedPolicy(doc.policy),
            },
          }
        : {
            Type: 'AWS::IAM::ManagedPolicy',
            Properties: { Roles: [role], PolicyDocument: orderedPolicy(doc.policy) },
          };
  });
  return out;
}

/** For `AWS::Serverless::Function` `Properties.Policies`: inline policy documents. */
function samPolicies(docs: readonly NamedPolicy[]): Record<string, unknown> {
  return { Policies: docs.map((d) => orderedPolicy(d.policy)) };
}
