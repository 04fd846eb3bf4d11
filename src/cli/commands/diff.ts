import type { Argv } from 'yargs';
import type { CliIo } from '../io.ts';
import { reduceFlags, type ReduceArgs } from '../reduce-flags.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';
import { withExamples } from '../help.ts';
import { functionFlags, type FunctionArgs } from '../function-flags.ts';

export interface DiffArgs extends EvidenceArgs, ReduceArgs, FunctionArgs {
  current?: string[] | undefined;
  'current-from-iam': boolean;
  format: 'text' | 'markdown' | 'json';
  'exit-code': boolean;
  'keep-not-visible': boolean;
}

/** `tightrole diff`: what the current policy grants that the evidence does not need. */
export function diffCommand(io: CliIo, setExit: (code: number) => Promise<void> | void) {
  return {
    command: 'diff',
    describe: "Compare a role's current policies with the least policy its evidence needs",
    builder: (y: Argv) =>
      withExamples(functionFlags(reduceFlags(evidenceFlags(y))), [
        [
          '$0 diff --cloudtrail logs/ --role orders-api-role --current orders-api-role.json',
          'what orders-api-role can do and did not (a policy JSON file)',
        ],
        [
          '$0 diff --cloudtrail logs/ --role my-fn-role --current-from-iam --format markdown',
          'a PR comment, policies read from IAM',
        ],
        [
          '$0 diff --cloudtrail logs/ --role my-fn-role --current infra/ --exit-code',
          'exit 3 when the Terraform in infra/ grants more than needed',
        ],
      ])
        .option('current', {
          type: 'string',
          array: true,
          describe:
            'Current policies: policy JSON, aws iam get-role-policy / get-policy-version / get-account-authorization-details output, Terraform *.tf (or a directory of them)',
          group: 'Current policies:',
        })
        .option('current-from-iam', {
          type: 'boolean',
          default: false,
          describe: "Read the role's inline, attached and boundary policies from IAM",
          group: 'Current policies:',
        })
        .option('format', {
          choices: ['text', 'markdown', 'json'] as const,
          default: 'text' as const,
          describe: 'text (terminal), markdown (a PR comment) or json (docs/diff.md)',
        })
        .option('keep-not-visible', {
          type: 'boolean',
          default: true,
          describe:
            'Keep granted actions this evidence could not have recorded (data events the trail lacks, calls no trail records) in the proposal (--no-keep-not-visible: drop them)',
        })
        .option('exit-code', {
          type: 'boolean',
          default: false,
          describe: 'Exit 3 when the proposal differs from the current policies',
        }),
    handler: async (args: DiffArgs) => {
      const { runDiff } = await import('./diff-run.ts');
      await setExit(await runDiff(args, io));
    },
  };
}
