import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams and a fixed clock. */
export async function runCli(
  args: string[],
  options: { stdin?: Uint8Array; now?: Date } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => options.stdin ?? new Uint8Array(),
    now: () => options.now ?? new Date('2026-11-25T00:00:00Z'),
    stderrIsTty: false,
    stdoutIsTty: false,
    env: {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
