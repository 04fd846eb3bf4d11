import type { Argv } from 'yargs';
import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { listRoles } from '../../app/roles.ts';
import { escapeForTerminal } from '../../render/terminal.ts';
import { safeJson } from '../../render/json.ts';
import { EXIT } from '../../errors.ts';
import { progressPrinter } from '../progress.ts';
import { warn, type CliIo } from '../io.ts';
import { evidenceFlags, evidenceOptions, ingestOptions, type EvidenceArgs } from '../evidence-flags.ts';

export function rolesCommand(io: CliIo, setExit: (code: number) => void) {
  return {
    command: 'roles',
    describe: 'List the roles seen in the evidence, with call counts (what to pass to --role)',
    builder: (y: Argv) =>
      evidenceFlags(y)
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of a table' })
        .example('$0 roles --cloudtrail samples/cloudtrail', ''),
    handler: async (args: EvidenceArgs & { json: boolean }) => {
      const { roles, whyEmpty } = await listRoles(evidenceOptions(args, io), {
        catalog: new Catalog(iamDataSource()),
        readStdin: io.readStdin,
        ...ingestOptions(args),
        ...progressPrinter(io),
        onWarning: (message: string) => warn(io, message),
        onProblem: (file, reason) => warn(io, `${file}: ${reason}`),
      });
      if (args.json) io.stdout(`${safeJson(roles)}\n`);
      else if (roles.length === 0) {
        warn(io, `${whyEmpty ?? 'no role made a call'}; see the messages above`);
      } else {
        io.stdout(
          `${'CALLS'.padStart(8)} ${'DENIED'.padStart(6)} ${'FAILED'.padStart(6)} ${'ACTIONS'.padStart(7)}  ROLE\n`,
        );
        for (const r of roles) {
          io.stdout(
            `${String(r.calls).padStart(8)} ${String(r.denied).padStart(6)} ${String(r.failed).padStart(6)} ${String(r.actions).padStart(7)}  ${escapeForTerminal(r.principal)}\n`,
          );
        }
      }
      setExit(roles.length > 0 ? EXIT.ok : EXIT.failure);
    },
  };
}
