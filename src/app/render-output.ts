import { InputError } from '../errors.ts';
import { roleNameOf } from '../ingest/principal.ts';
import { HclEncodingError } from '../render/hcl.ts';
import { ExportShapeError, renderCloudFormation, type CloudFormationKind } from '../render/cloudformation.ts';
import { renderPolicyJson, renderPolicyMapJson } from '../render/json.ts';
import { renderTerraform, type NamedPolicy, type TerraformResource } from '../render/terraform.ts';
import type { RoleOutput } from './generate.ts';

export type OutputFormat = 'json' | 'terraform' | 'cloudformation' | 'cloudformation-json';

export interface OutputOptions {
  format: OutputFormat;
  terraformResource: TerraformResource;
  cloudformationResource: CloudFormationKind;
}

export const OUTPUT_EXTENSIONS: Record<OutputFormat, string> = {
  json: '.json',
  terraform: '.tf',
  cloudformation: '.yaml',
  'cloudformation-json': '.json',
};

/**
 * What `generate` prints: for JSON, one role's bare document or a map by role ARN (a split role's
 * documents as an array); for Terraform/CloudFormation, one document per (role, split part) in one
 * file, split parts as managed policies. One role's JSON is always a bare document, so a split one is
 * refused with the ways out, rather than printed in a shape `put-role-policy` would reject.
 */
export function renderForStdout(results: readonly RoleOutput[], options: OutputOptions): string {
  if (options.format === 'json') {
    if (results.length === 1) {
      const only = results[0]!;
      if (only.documents.length > 1) throw splitOnStdout(only);
      return renderPolicyJson(only.documents[0]!);
    }
    return renderPolicyMapJson(
      new Map(results.map((r) => [r.principal, r.documents.length === 1 ? r.documents[0]! : r.documents])),
    );
  }
  return renderNamed(results.flatMap(namedPolicies), options);
}

/** One file per role (`<role-name>.<ext>`), each holding that role's documents. */
export function renderPerRole(
  results: readonly RoleOutput[],
  options: OutputOptions,
): { name: string; extension: string; content: string }[] {
  const extension = OUTPUT_EXTENSIONS[options.format];
  if (options.format === 'json') {
    return results.flatMap((r) =>
      r.documents.map((doc, i) => ({
        name: r.documents.length === 1 ? roleNameOf(r.principal) : `${roleNameOf(r.principal)}-${i + 1}`,
        extension,
        content: renderPolicyJson(doc),
      })),
    );
  }
  return results.map((r) => ({
    name: roleNameOf(r.principal),
    extension,
    content: renderNamed(namedPolicies(r), options),
  }));
}

function namedPolicies(r: RoleOutput): NamedPolicy[] {
  const role = roleNameOf(r.principal);
  const split = r.documents.length > 1;
  return r.documents.map((policy, i) => ({
    name: split ? `${role}-${i + 1}` : role,
    policy,
    roleName: role,
    roleArn: r.principal,
    ...(split ? { managed: true } : {}),
  }));
}

/** What stderr says about a split role: how many managed policies, and as what they are written. */
export function splitNotice(r: RoleOutput, options: OutputOptions): string {
  const head = `${r.principal}: too large for one inline policy (IAM allows 10,240 characters per role); split into ${r.documents.length} managed policies`;
  if (options.format === 'terraform')
    return options.terraformResource === 'none'
      ? `${head}: attach each as an aws_iam_policy (the inline quota is shared)`
      : `${head}, written as aws_iam_policy + aws_iam_role_policy_attachment`;
  if (options.format !== 'json' && options.cloudformationResource !== 'sam')
    return `${head}, written as AWS::IAM::ManagedPolicy with Roles`;
  return head;
}

function splitOnStdout(r: RoleOutput): InputError {
  return new InputError(
    `${r.principal}: too large for one inline policy; it needs ${r.documents.length} managed policies, ` +
      'which one JSON document cannot hold. Use --out DIR (one file per policy), or --format terraform ' +
      '--terraform-resource policy, or --format cloudformation',
  );
}

function renderNamed(named: NamedPolicy[], options: OutputOptions): string {
  if (options.format === 'terraform')
    return asInputError(() => renderTerraform(named, { resource: options.terraformResource }));
  return asInputError(() =>
    renderCloudFormation(named, {
      format: options.format === 'cloudformation-json' ? 'json' : 'yaml',
      kind: options.cloudformationResource,
    }),
  );
}

/** A value Terraform cannot hold exactly, or a shape the format cannot deploy, is said plainly (exit 1). */
export function asInputError<T>(render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (error instanceof HclEncodingError || error instanceof ExportShapeError)
      throw new InputError(error.message);
    throw error;
  }
}
