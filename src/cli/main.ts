import yargs from 'yargs';
import { EXIT, exitCodeFor, familyOf, UsageError } from '../errors.ts';
import { escapeForTerminal } from '../render/terminal.ts';
import { auditCommand } from './commands/audit.ts';
import { boundaryCommand } from './commands/boundary.ts';
import { diffCommand } from './commands/diff.ts';
import { convertCommand } from './commands/convert.ts';
import { generateCommand } from './commands/generate.ts';
import { permissionsCommand } from './commands/permissions.ts';
import { rolesCommand } from './commands/roles.ts';
import { processIo, protectStdinArgs, type CliIo } from './io.ts';

/** Runs the CLI on `args`; returns the exit code (0 ok, 1 failure, 2 usage, 3 diff found changes). */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => void (exitCode = code);
  try {
    await yargs(protectStdinArgs(args))
      .scriptName('tightrole')
      .usage('$0 <command> [options]\n\nLeast-privilege IAM policies from what your functions actually did.')
      .command(generateCommand(io, setExit))
      .command(rolesCommand(io, setExit))
      .command(convertCommand(io, setExit))
      .command(permissionsCommand(io, setExit))
      .command(diffCommand(io, setExit))
      .command(auditCommand(io, setExit))
      .command(boundaryCommand(io, setExit))
      .demandCommand(1, 'name a command: generate, diff, audit, boundary, roles, convert, permissions')
      .strict()
      .help()
      .version()
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((message, error) => {
        if (error) throw error;
        throw new UsageError(message ?? 'invalid arguments');
      })
      .parseAsync();
  } catch (error) {
    io.stderr(`tightrole: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}\n`);
    if (familyOf(error) === 'usage') io.stderr('Run with --help for usage.\n');
    if (familyOf(error) === undefined && error instanceof Error && error.stack) {
      io.stderr(`${escapeForTerminal(error.stack)}\n`);
    }
    return exitCodeFor(error);
  }
  return exitCode;
}
