import type { Argv } from 'yargs';
import type { CliIo } from '../io.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';
import { reduceFlags, type ReduceArgs } from '../reduce-flags.ts';

export interface BoundaryArgs extends EvidenceArgs, ReduceArgs {
  'role-pattern'?: string | undefined;
  'service-level': boolean;
  name: string;
  format: 'json' | 'terraform' | 'cloudformation' | 'cloudformation-json';
  explain: boolean;
}

/** `tightrole boundary`: one permissions boundary for a set of roles, from their combined evidence. */
export function boundaryCommand(io: CliIo, setExit: (code: number) => Promise<void> | void) {
  return {
    command: 'boundary',
    describe: 'A permissions boundary for a set of roles from their evidence, proven on every run',
    builder: (y: Argv) =>
      reduceFlags(evidenceFlags(y))
        .option('role-pattern', {
          type: 'string',
          describe: 'Role-name glob (* and ?, case-insensitive) selecting roles from the evidence',
          group: 'Boundary:',
        })
        .option('service-level', {
          type: 'boolean',
          default: false,
          describe: 'Allow the services used (s3:*) rather than the actions used',
          group: 'Boundary:',
        })
        .option('name', {
          type: 'string',
          default: 'tightrole-boundary',
          describe: 'The boundary policy name (its own ARN is protected from change)',
          group: 'Boundary:',
        })
        .option('format', {
          choices: ['json', 'terraform', 'cloudformation', 'cloudformation-json'] as const,
          default: 'json' as const,
          describe: 'Output format',
        })
        .option('explain', {
          type: 'boolean',
          default: false,
          describe: 'Say on stderr why each statement exists and what the proof checked',
        })
        .example('# one boundary for every sample role', '')
        .example(`$0 boundary --cloudtrail samples/cloudtrail --role-pattern '*-role' --explain`, '')
        .example('# as Terraform', '')
        .example('$0 boundary --cloudtrail logs/ --role orders-api-role --format terraform', ''),
    handler: async (args: BoundaryArgs) => {
      const { runBoundary } = await import('./boundary-run.ts');
      await setExit(await runBoundary(args, io));
    },
  };
}
