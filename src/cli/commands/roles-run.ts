import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { listRoles } from '../../app/roles.ts';
import { escapeForTerminal } from '../../render/terminal.ts';
import { safeJson } from '../../render/json.ts';
import { EXIT } from '../../errors.ts';
import { progressPrinter } from '../progress.ts';
import { warn, type CliIo } from '../io.ts';
import { evidenceOptions, ingestOptions } from '../evidence-options.ts';
import type { RolesArgs } from './roles.ts';

/** `tightrole roles`: the roles seen in the evidence, as a table or JSON; returns the exit code. */
export async function runRoles(args: RolesArgs, io: CliIo): Promise<number> {
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
  return roles.length > 0 ? EXIT.ok : EXIT.failure;
}
