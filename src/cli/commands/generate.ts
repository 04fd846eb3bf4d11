import type { Argv } from 'yargs';
import type { OutputFormat } from '../../app/render-output.ts';
import type { CliIo } from '../io.ts';
import { reduceFlags, type ReduceArgs } from '../reduce-flags.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';
import { withExamples } from '../help.ts';
import { functionFlags, type FunctionArgs } from '../function-flags.ts';

export interface GenerateArgs extends EvidenceArgs, ReduceArgs, FunctionArgs {
  format: OutputFormat;
  'terraform-resource': 'none' | 'role-policy' | 'policy';
  'cloudformation-resource': 'role-policy' | 'managed-policy' | 'sam';
  out?: string | undefined;
  report?: string | undefined;
  explain: boolean;
}

export function generateCommand(io: CliIo, setExit: (code: number) => Promise<void> | void) {
  return {
    command: 'generate',
    describe: 'Write the least IAM policy each role needs, from what it actually did',
    builder: (y: Argv) =>
      withExamples(functionFlags(reduceFlags(evidenceFlags(y))), [
        ['$0 generate --cloudtrail samples/cloudtrail', 'one policy per role seen, as a JSON map'],
        [
          '$0 generate --cloudtrail logs/ --role orders-api-role > policy.json',
          'one role: a bare policy document',
        ],
        ['$0 generate --cloudtrail logs/ --since 7d --out policies/', 'one file per role'],
      ])
        .option('format', {
          choices: ['json', 'terraform', 'cloudformation', 'cloudformation-json'] as const,
          default: 'json' as const,
          describe: 'Output: IAM JSON, Terraform (aws_iam_policy_document), CloudFormation YAML or JSON',
        })
        .option('terraform-resource', {
          choices: ['none', 'role-policy', 'policy'] as const,
          default: 'none' as const,
          describe: 'With --format terraform: also aws_iam_role_policy, or aws_iam_policy + attachment',
        })
        .option('cloudformation-resource', {
          choices: ['role-policy', 'managed-policy', 'sam'] as const,
          default: 'role-policy' as const,
          describe:
            'With --format cloudformation: AWS::IAM::RolePolicy, AWS::IAM::ManagedPolicy or a SAM Policies: list',
        })
        .option('out', {
          type: 'string',
          describe: 'Write one file per role into DIR (created if missing) instead of stdout',
        })
        .option('report', {
          type: 'string',
          describe: 'Write the run report (ingest counts, skips, per-action calls) as JSON to FILE',
        })
        .option('explain', {
          type: 'boolean',
          default: false,
          describe: 'Print, per statement, the calls behind it (stderr)',
        }),
    handler: async (args: GenerateArgs) => {
      const { runGenerate } = await import('./generate-run.ts');
      await setExit(await runGenerate(args, io));
    },
  };
}
