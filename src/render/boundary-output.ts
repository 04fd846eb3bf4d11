import type { PolicyDocument } from '../model/policy.ts';
import { safeYaml } from './cloudformation-yaml.ts';
import { renderHclItems } from './hcl.ts';
import { logicalIds, terraformIdentifiers } from './identifiers.ts';
import { orderedPolicy, renderPolicyJson, safeJson } from './json.ts';
import { renderTerraform } from './terraform.ts';

export type BoundaryFormat = 'json' | 'terraform' | 'cloudformation' | 'cloudformation-json';

/**
 * The boundary as a bare policy document (JSON), a Terraform `aws_iam_policy_document` data source plus
 * the `aws_iam_policy` holding it, or a CloudFormation `AWS::IAM::ManagedPolicy`. A boundary is set on
 * each role (`permissions_boundary` / `PermissionsBoundary`), never attached, so no attachment is
 * emitted; `policyName` is validated by the caller (IAM policy-name characters only).
 */
export function renderBoundary(document: PolicyDocument, policyName: string, format: BoundaryFormat): string {
  if (format === 'json') return renderPolicyJson(document);
  if (format === 'terraform') {
    const data = renderTerraform([{ name: policyName, policy: document }], { resource: 'none' });
    const id = terraformIdentifiers([policyName])[0]!;
    const resource = renderHclItems([
      {
        kind: 'block',
        type: 'resource',
        labels: ['aws_iam_policy', id],
        body: [
          { kind: 'attribute', name: 'name', value: { kind: 'string', value: policyName } },
          {
            kind: 'attribute',
            name: 'description',
            value: { kind: 'string', value: 'Permissions boundary by tightrole' },
          },
          {
            kind: 'attribute',
            name: 'policy',
            value: { kind: 'expression', text: `data.aws_iam_policy_document.${id}.json` },
          },
        ],
      },
    ]);
    return `${data}\n# Set on each role: permissions_boundary = aws_iam_policy.${id}.arn\n${resource}`;
  }
  const id = logicalIds([policyName], 'Boundary')[0]!;
  const value = {
    Resources: {
      [id]: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: policyName,
          Description: "Permissions boundary by tightrole; set it as each role's PermissionsBoundary",
          PolicyDocument: orderedPolicy(document),
        },
      },
    },
  };
  return format === 'cloudformation-json' ? `${safeJson(value)}\n` : safeYaml(value);
}
