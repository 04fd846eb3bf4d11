import { escapeForTerminal } from '../render/terminal.ts';

/** The CLI's only window on the process: streams and the clock, swappable in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Uint8Array>;
  now: () => Date;
  stderrIsTty: boolean;
  stdoutIsTty: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The real process's streams. Also turns off the AWS SDK's Node-version notice (an 8-line
 * `NodeVersionSupportWarning` printed when the first client is built on Node < 22, about SDK releases
 * after January 2027), which otherwise lands between tightrole's progress and its own error, unless the
 * user set `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED` themselves. The supported Node versions are
 * in package.json `engines` and the README.
 */
export function processIo(): CliIo {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    now: () => new Date(),
    stderrIsTty: process.stderr.isTTY === true,
    stdoutIsTty: process.stdout.isTTY === true,
    env: process.env,
  };
}

/** A warning line on stderr; untrusted parts are escaped for the terminal. */
export function warn(io: CliIo, message: string): void {
  io.stderr(`tightrole: ${escapeForTerminal(message)}\n`);
}

// yargs rejects a bare "-" (stdin) as an unknown argument; it travels as this stand-in, which cannot
// be a real path (NUL is not allowed in file names).
const STDIN_STAND_IN = '\u0000stdin';

export function protectStdinArgs(args: readonly string[]): string[] {
  return args.map((a) => (a === '-' ? STDIN_STAND_IN : a));
}

export function restoreStdinArg(arg: string): string {
  return arg === STDIN_STAND_IN ? '-' : arg;
}
