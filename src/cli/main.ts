import yargs from 'yargs';
import { EXIT, exitCodeFor, familyOf, UsageError } from '../errors.ts';
import { escapeForTerminalKeepingLines } from '../render/terminal.ts';
import { auditCommand } from './commands/audit.ts';
import { boundaryCommand } from './commands/boundary.ts';
import { diffCommand } from './commands/diff.ts';
import { convertCommand } from './commands/convert.ts';
import { generateCommand } from './commands/generate.ts';
import { permissionsCommand } from './commands/permissions.ts';
import { rolesCommand } from './commands/roles.ts';
import { EXIT_CODES_EPILOG } from './help.ts';
import { processIo, protectStdinArgs, type CliIo } from './io.ts';

/** Runs the CLI on `args`; returns the exit code (0 ok, 1 failure, 2 usage, 3 diff found changes). */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => void (exitCode = code);
  try {
    const cli = yargs(protectStdinArgs(args))
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
      .example('$0 roles --cloudtrail samples/cloudtrail', '')
      .example('$0 generate --cloudtrail samples/cloudtrail --role receipt-worker-role', '')
      .example('$0 diff --cloudtrail logs/ --role orders-api-role --current infra/', '')
      .example('$0 audit --cloudtrail logs/ --iam authz.json --lambda lambda/', '')
      .epilog(EXIT_CODES_EPILOG)
      .strict()
      .help()
      .version()
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((message, error) => {
        if (error) throw error;
        throw new UsageError(message ?? 'invalid arguments');
      });
    skipHelpRenderingOnRun(cli);
    await cli.parseAsync();
  } catch (error) {
    const system = systemErrorMessage(error);
    const message = system ?? (error instanceof Error ? error.message : String(error));
    io.stderr(`tightrole: ${escapeForTerminalKeepingLines(message)}\n`);
    if (familyOf(error) === 'usage') io.stderr('Run with --help for usage.\n');
    if (system === undefined && familyOf(error) === undefined && error instanceof Error && error.stack) {
      io.stderr(`${escapeForTerminalKeepingLines(error.stack)}\n`);
    }
    return exitCodeFor(error);
  }
  return exitCode;
}

/**
 * yargs renders the whole help text each time a command starts, in case a later failure shows it
 * (~80 ms of text wrapping on every run, measured by CPU profile). This CLI never shows help after a
 * command started: a failure prints one line and "Run with --help". That render is skipped; `--help`
 * itself renders as before. The hook is internal to yargs: when it is absent, nothing changes.
 */
function skipHelpRenderingOnRun(cli: object): void {
  type Usage = { cacheHelpMessage?: () => void };
  const internals = (cli as { getInternalMethods?: () => { getUsageInstance?: () => Usage } })
    .getInternalMethods;
  const usage = typeof internals === 'function' ? internals.call(cli).getUsageInstance?.() : undefined;
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/**
 * A file-system error (`ENOTDIR`, `EACCES`, `ENOSPC`...) is the environment's problem, not a bug:
 * one line naming the path and what the system said, exit 1, no stack trace.
 */
function systemErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code) || typeof syscall !== 'string') return undefined;
  const reason = error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return `${path ?? syscall}: ${reason} (${code} on ${syscall})`;
}
