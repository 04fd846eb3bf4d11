import { InputError } from '../errors.ts';
import { roleNameOf } from '../ingest/principal.ts';
import { HclEncodingError } from '../render/hcl.ts';
import { renderCloudFormation, type CloudFormationKind } from '../render/cloudformation.ts';
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
 * What `generate` prints: for JSON, one role's bare document (split documents as an array) or a map
 * by role ARN; for Terraform/CloudFormation, one document per (role, split part) in one file.
 */
export function renderForStdout(results: readonly RoleOutput[], options: OutputOptions): string {
  if (options.format === 'json') {
    if (results.length === 1 && results[0]!.documents.length === 1)
      return renderPolicyJson(results[0]!.documents[0]!);
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
  return r.documents.map((policy, i) => ({
    name: r.documents.length === 1 ? role : `${role}-${i + 1}`,
    policy,
    roleName: role,
  }));
}

function renderNamed(named: NamedPolicy[], options: OutputOptions): string {
  if (options.format === 'terraform')
    return asInputError(() => renderTerraform(named, { resource: options.terraformResource }));
  return renderCloudFormation(named, {
    format: options.format === 'cloudformation-json' ? 'json' : 'yaml',
    kind: options.cloudformationResource,
  });
}

/** A value Terraform cannot hold exactly is the input's problem, said plainly (exit 1). */
export function asInputError<T>(render: () => T): T {
  try {
    return render();
  } catch (error) {
    if (error instanceof HclEncodingError) throw new InputError(error.message);
    throw error;
  }
}
