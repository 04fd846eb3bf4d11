import { InputError } from '../errors.ts';
import { parsePolicyDocument, type PolicyIssue } from '../policy/parse.ts';
import { renderCloudFormation, type CloudFormationKind } from '../render/cloudformation.ts';
import { HclEncodingError } from '../render/hcl.ts';
import { renderTerraform, type NamedPolicy, type TerraformResource } from '../render/terraform.ts';
import { unwrapPolicyInput } from './unwrap-policy-input.ts';

export interface ConvertOptions {
  format: 'terraform' | 'cloudformation' | 'cloudformation-json';
  /**
   * Name for the data source / logical ID and the IAM policy name, kept as given (codifying a policy
   * must not rename it); default: the CLI output's PolicyName, else "policy".
   */
  name?: string;
  /** Default `none`: only the `aws_iam_policy_document` data source. */
  terraformResource?: TerraformResource;
  /** Default `role-policy`. */
  cloudformationResource?: CloudFormationKind;
  /** Leave Terraform interpolations (`${var.x}`) in the user's own policy unescaped. Default false. */
  keepTerraformInterpolations?: boolean;
  /** The role for role-policy/attachment resources (default: `RoleName` of get-role-policy output, else the name). */
  roleName?: string;
}

/**
 * Policy JSON text in any accepted shape (see `unwrapPolicyInput`) -> Terraform or CloudFormation.
 * Throws `InputError` naming `source` (a file name or "stdin"), what was expected and what was found,
 * with the paths of the first schema issues.
 */
export function convertPolicyText(text: string, source: string, options: ConvertOptions): string {
  const unwrapped = unwrapPolicyInput(parseJson(text, source));
  if (!unwrapped.ok) throw new InputError(`${source}: ${unwrapped.message}`);
  const parsed = parsePolicyDocument(unwrapped.document);
  if (!parsed.ok)
    throw new InputError(
      `${source}: expected a valid IAM policy in the ${unwrapped.from}, found: ${describeIssues(parsed.issues)}${cloudFormationHint(unwrapped.document)}`,
    );
  const doc: NamedPolicy = { name: options.name ?? unwrapped.name ?? 'policy', policy: parsed.policy };
  const role = options.roleName ?? unwrapped.roleName;
  const roleName = role ? { roleName: role } : {};
  if (options.format !== 'terraform') {
    return renderCloudFormation([doc], {
      format: options.format === 'cloudformation-json' ? 'json' : 'yaml',
      kind: options.cloudformationResource ?? 'role-policy',
      policyNameSuffix: '',
      ...roleName,
    });
  }
  try {
    return renderTerraform([doc], {
      resource: options.terraformResource ?? 'none',
      keepTerraformInterpolations: options.keepTerraformInterpolations ?? false,
      policyNameSuffix: '',
      ...roleName,
    });
  } catch (error) {
    if (error instanceof HclEncodingError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new InputError(
      `${source}: expected policy JSON, found text that is not JSON (${(error as Error).message})`,
    );
  }
}

function describeIssues(issues: readonly PolicyIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path || '/'}: ${i.message}`);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

/** A CloudFormation snippet (`Fn::Sub`, `Ref`) pasted as a policy: say so, since the values are not IAM's. */
function cloudFormationHint(document: unknown): string {
  return /"(Fn::[A-Za-z]+|Ref)":/.test(JSON.stringify(document))
    ? ' (this looks like a CloudFormation snippet: intrinsic functions such as Fn::Sub or Ref cannot be converted)'
    : '';
}
