import type { Argv } from 'yargs';
import type { CliIo } from '../io.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';

export type RolesArgs = EvidenceArgs & { json: boolean };

export function rolesCommand(io: CliIo, setExit: (code: number) => void) {
  return {
    command: 'roles',
    describe: 'List the roles seen in the evidence, with call counts (what to pass to --role)',
    builder: (y: Argv) =>
      evidenceFlags(y)
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
        .example('$0 roles --cloudtrail samples/cloudtrail', ''),
    handler: async (args: RolesArgs) => {
      const { runRoles } = await import('./roles-run.ts');
      setExit(await runRoles(args, io));
    },
  };
}
