import type { Argv } from 'yargs';
import type { OutputFormat } from '../../app/render-output.ts';
import type { CliIo } from '../io.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';

export interface GenerateArgs extends EvidenceArgs {
  format: OutputFormat;
  'terraform-resource': 'none' | 'role-policy' | 'policy';
  'cloudformation-resource': 'role-policy' | 'managed-policy' | 'sam';
  out?: string | undefined;
  report?: string | undefined;
  'include-denied': boolean;
  strict: boolean;
  explain: boolean;
  generalize: 'none' | 'safe' | 'aggressive';
  'collapse-threshold': number;
  conditions: boolean;
  companions: boolean;
  compact: boolean;
}

export function generateCommand(io: CliIo, setExit: (code: number) => Promise<void> | void) {
  return {
    command: 'generate',
    describe: 'Write the least IAM policy each role needs, from what it actually did',
    builder: (y: Argv) =>
      evidenceFlags(y)
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
        .option('include-denied', {
          type: 'boolean',
          default: false,
          describe: 'Also allow calls refused with AccessDenied',
        })
        .option('strict', {
          type: 'boolean',
          default: false,
          describe: 'Fail (exit 1) on any unreadable file or bad record',
        })
        .option('explain', {
          type: 'boolean',
          default: false,
          describe: 'Print, per statement, the calls behind it (stderr)',
        })
        .option('generalize', {
          choices: ['none', 'safe', 'aggressive'] as const,
          default: 'safe' as const,
          describe:
            'ARN patterns: none = exact ARNs; safe = per-request parts (object keys, log streams) only; aggressive = names too',
          group: 'Reduce:',
        })
        .option('collapse-threshold', {
          type: 'number',
          default: 5,
          describe: 'Distinct values under one parent path before they become parent/*',
          group: 'Reduce:',
        })
        .option('conditions', {
          type: 'boolean',
          default: true,
          describe: 'Add conditions the evidence supports (--no-conditions: none)',
          group: 'Reduce:',
        })
        .option('companions', {
          type: 'boolean',
          default: true,
          describe: 'Add iam:PassRole for calls that pass a role (--no-companions: none)',
          group: 'Reduce:',
        })
        .option('compact', {
          type: 'boolean',
          default: false,
          describe:
            'If the policy exceeds IAM size limits even when split, widen resources (each widening reported)',
          group: 'Reduce:',
        })
        .example('$0 generate --cloudtrail samples/cloudtrail', 'one policy per role seen, as a JSON map')
        .example(
          '$0 generate --cloudtrail logs/ --role orders-api-role > policy.json',
          'one role: a bare policy document',
        )
        .example('$0 generate --cloudtrail logs/ --since 7d --out policies/', 'one file per role'),
    handler: async (args: GenerateArgs) => {
      const { runGenerate } = await import('./generate-run.ts');
      await setExit(await runGenerate(args, io));
    },
  };
}
