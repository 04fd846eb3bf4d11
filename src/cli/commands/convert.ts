import { readFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { EXIT } from '../../errors.ts';
import { restoreStdinArg, type CliIo } from '../io.ts';

interface ConvertArgs {
  policy: string;
  format: 'terraform' | 'cloudformation' | 'cloudformation-json';
  name?: string | undefined;
  'terraform-resource': 'none' | 'role-policy' | 'policy';
  'cloudformation-resource': 'role-policy' | 'managed-policy' | 'sam';
  'keep-interpolations': boolean;
  'role-name'?: string | undefined;
}

export function convertCommand(io: CliIo, setExit: (code: number) => void) {
  return {
    command: 'convert <policy>',
    describe: 'Turn an IAM policy (JSON, or AWS CLI output that wraps one) into Terraform or CloudFormation',
    builder: (y: Argv) =>
      y
        .positional('policy', { type: 'string', demandOption: true, describe: 'POLICY.json, or - for stdin' })
        .option('format', {
          choices: ['terraform', 'cloudformation', 'cloudformation-json'] as const,
          demandOption: true,
          describe: 'Output format',
        })
        .option('name', {
          type: 'string',
          describe: 'Name of the data source / resource (default: PolicyName from CLI output, else "policy")',
        })
        .option('terraform-resource', {
          choices: ['none', 'role-policy', 'policy'] as const,
          default: 'none' as const,
          describe: 'Also emit aws_iam_role_policy, or aws_iam_policy + aws_iam_role_policy_attachment',
        })
        .option('cloudformation-resource', {
          choices: ['role-policy', 'managed-policy', 'sam'] as const,
          default: 'role-policy' as const,
          describe: 'AWS::IAM::RolePolicy, AWS::IAM::ManagedPolicy, or a SAM Policies: list',
        })
        .option('role-name', {
          type: 'string',
          describe: 'Role for the role-policy / attachment resources (default: --name)',
        })
        .option('keep-interpolations', {
          type: 'boolean',
          default: false,
          describe:
            'Keep Terraform interpolations such as ${var.bucket} in YOUR policy (IAM variables like ${aws:username} are always kept for IAM)',
        })
        .example('$0 convert policy.json --format terraform', '')
        .example(
          'aws iam get-role-policy --role-name r --policy-name p | $0 convert - --format terraform',
          '',
        ),
    handler: async (args: ConvertArgs) => {
      const { convertPolicyText } = await import('../../app/convert.ts');
      const path = restoreStdinArg(args.policy);
      const text = path === '-' ? new TextDecoder().decode(await io.readStdin()) : await readPolicyFile(path);
      io.stdout(
        convertPolicyText(text, path === '-' ? 'stdin' : path, {
          format: args.format,
          ...(args.name ? { name: args.name } : {}),
          ...(args['role-name'] ? { roleName: args['role-name'] } : {}),
          terraformResource: args['terraform-resource'],
          cloudformationResource: args['cloudformation-resource'],
          keepTerraformInterpolations: args['keep-interpolations'],
        }),
      );
      setExit(EXIT.ok);
    },
  };
}

async function readPolicyFile(path: string): Promise<string> {
  const { InputError } = await import('../../errors.ts');
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}
