import { InputError } from '../errors.ts';
import { roleNameOf } from '../ingest/principal.ts';
import { HclEncodingError } from '../render/hcl.ts';
import { ExportShapeError, renderCloudFormation, type CloudFormationKind } from '../render/cloudformation.ts';
import { renderPolicyJson, renderPolicyMapJson, safeJson } from '../render/json.ts';
import { renderTerraform, type NamedPolicy, type TerraformResource } from '../render/terraform.ts';
import type { RoleOutput } from './generate.ts';
import { roleNames, roleParts } from '../render/role-names.ts';
import {
  fileNameScheme,
  INDEX_FILE,
  logicalIdScheme,
  TERRAFORM_LABELS,
} from '../render/role-name-schemes.ts';
import type { OutputFile } from '../sinks/out-dir.ts';

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
  const ids = codeIdentifiers(results, options);
  return renderNamed(
    results.flatMap((r) => namedPolicies(r, ids)),
    options,
  );
}

/**
 * One file per role (JSON: per split part), named by `fileNameScheme` so that no two roles share a
 * file whatever the set or order of roles, plus `index.json` saying which role ARN each file is for.
 */
export function renderPerRole(results: readonly RoleOutput[], options: OutputOptions): OutputFile[] {
  const perDocument = options.format === 'json';
  const fileNames = roleNames(
    results.map((r) => ({ arn: r.principal, parts: perDocument ? r.documents.length : 1 })),
    fileNameScheme(OUTPUT_EXTENSIONS[options.format]),
  );
  const ids = codeIdentifiers(results, options);
  const files: OutputFile[] = [];
  const index: IndexEntry[] = [];
  for (const r of results) {
    const names = fileNames.get(r.principal)!;
    if (perDocument) {
      r.documents.forEach((doc, i) => {
        files.push({ fileName: names[i]!, content: renderPolicyJson(doc) });
        index.push(indexEntry(names[i]!, r, names.length > 1 ? i + 1 : undefined));
      });
    } else {
      files.push({ fileName: names[0]!, content: renderNamed(namedPolicies(r, ids), options) });
      index.push(indexEntry(names[0]!, r, undefined));
    }
  }
  return [...files, { fileName: INDEX_FILE, content: renderIndex(index) }];
}

interface IndexEntry {
  file: string;
  role: string;
  part?: number;
  parts?: number;
}

function indexEntry(file: string, r: RoleOutput, part: number | undefined): IndexEntry {
  return part === undefined
    ? { file, role: r.principal }
    : { file, role: r.principal, part, parts: r.documents.length };
}

/** `{ "files": { "<file>": { "role": "<ARN>", "part"?, "parts"? } } }`, files sorted. */
function renderIndex(entries: IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const files = Object.fromEntries(sorted.map(({ file, ...rest }) => [file, rest]));
  return `${safeJson({ files })}\n`;
}

interface CodeIdentifiers {
  /** Role ARN -> one Terraform label or CloudFormation logical ID per document. */
  names: Map<string, string[]>;
  /** The roles span several accounts: each Terraform resource names its account's provider (`aws.account_<id>`). */
  multiAccount: boolean;
}

/** Identifiers for every (role, part), unique across the whole run (every file of `--out`). */
function codeIdentifiers(results: readonly RoleOutput[], options: OutputOptions): CodeIdentifiers {
  const roles = results.map((r) => ({ arn: r.principal, parts: r.documents.length }));
  const suffix = options.cloudformationResource === 'role-policy' ? 'Policy' : 'ManagedPolicy';
  const scheme = options.format === 'terraform' ? TERRAFORM_LABELS : logicalIdScheme(suffix);
  const multiAccount = new Set(results.map((r) => roleParts(r.principal).account)).size > 1;
  return { names: roleNames(roles, scheme), multiAccount };
}

function namedPolicies(r: RoleOutput, ids: CodeIdentifiers): NamedPolicy[] {
  const role = roleNameOf(r.principal);
  const own = ids.names.get(r.principal)!;
  const alias = ids.multiAccount ? `account_${roleParts(r.principal).account}` : undefined;
  const split = r.documents.length > 1;
  return r.documents.map((policy, i) => ({
    name: split ? `${role}-${i + 1}` : role,
    policy,
    roleName: role,
    roleArn: r.principal,
    label: own[i]!,
    logicalId: own[i]!,
    ...(alias !== undefined ? { providerAlias: alias } : {}),
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
