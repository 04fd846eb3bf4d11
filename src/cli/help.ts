import type { Argv } from 'yargs';

/**
 * Adds examples so that no command is ever wrapped mid-line: yargs lays an example with a description
 * out in two columns and breaks a long command across them, so each description goes on a line of its
 * own as a shell comment (`# ...`), and the command on the next line, alone in the full width.
 */
export function withExamples<T>(y: Argv<T>, examples: readonly (readonly [string, string])[]): Argv<T> {
  let out = y;
  for (const [command, description] of examples) {
    if (description) out = out.example(`# ${description}`, '');
    out = out.example(command, '');
  }
  return out;
}

/** The exit codes, as every `--help` ends with them (errors.ts `EXIT` is the one mapping). */
export const EXIT_CODES_EPILOG =
  'Exit codes: 0 success (warnings allowed), 1 failure (no usable input, an AWS error, a failed self-check), ' +
  '2 usage error, 3 diff --exit-code found changes.';
