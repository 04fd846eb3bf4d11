import { InputError } from '../errors.ts';
import { parsePolicyDocument } from '../policy/parse.ts';
import { unwrapPolicyInput } from '../policy/unwrap.ts';
import { renderCloudFormation, type CloudFormationKind } from '../render/cloudformation.ts';
import { renderTerraform, type TerraformResource } from '../render/terraform.ts';
import { asInputError } from './render-output.ts';

export interface ConvertOptions {
  format: 'terraform' | 'cloudformation' | 'cloudformation-json';
  /** Name for the data source / logical ID; default: the CLI output's PolicyName, else "policy". */
  name?: string;
  terraformResource?: TerraformResource;
  cloudformationResource?: CloudFormationKind;
  /** Leave Terraform interpolations (`${var.x}`) in the user's own policy unescaped. */
  keepTerraformInterpolations?: boolean;
  /** The role for role-policy/attachment resources. */
  roleName?: string;
}

/** Policy JSON text (any accepted shape) -> Terraform or CloudFormation; clear errors otherwise. */
export function convertPolicyText(text: string, source: string, options: ConvertOptions): string {
  let input: unknown;
  try {
    input = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InputError(`${source}: not JSON (${(error as Error).message})`);
  }
  const unwrapped = unwrapPolicyInput(input);
  if (!unwrapped.ok) throw new InputError(`${source}: ${unwrapped.message}`);
  const parsed = parsePolicyDocument(unwrapped.document);
  if (!parsed.ok) {
    const issues = parsed.issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    throw new InputError(`${source}: not a valid IAM policy (${unwrapped.from}): ${issues}`);
  }
  const name = options.name ?? unwrapped.name ?? 'policy';
  const doc = { name, policy: parsed.policy, ...(options.roleName ? { roleName: options.roleName } : {}) };
  if (options.format === 'terraform') {
    return asInputError(() =>
      renderTerraform([doc], {
        resource: options.terraformResource ?? 'none',
        ...(options.keepTerraformInterpolations ? { keepTerraformInterpolations: true } : {}),
      }),
    );
  }
  return renderCloudFormation([doc], {
    format: options.format === 'cloudformation-json' ? 'json' : 'yaml',
    kind: options.cloudformationResource ?? 'role-policy',
  });
}
