/** Error families of a failed run, and the one place they map to exit codes.
 * Bad input records are data (counted skips), never errors; these are for runs that cannot go on. */

export type ErrorFamily = 'usage' | 'input' | 'aws' | 'internal';

export class TightroleError extends Error {
  readonly family: ErrorFamily;
  constructor(family: ErrorFamily, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.family = family;
    this.name = new.target.name;
  }
}

/** Wrong flags or arguments: exit 2. */
export class UsageError extends TightroleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

/** No usable input, unreadable file under --strict, invalid policy file: exit 1. */
export class InputError extends TightroleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('input', message, options);
  }
}

/** An AWS API refused or failed; the message names the API, region and what to grant: exit 1. */
export class AwsError extends TightroleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('aws', message, options);
  }
}

/** A broken invariant (e.g. the reducer's self-check): a bug in tightrole, said plainly: exit 1. */
export class InternalError extends TightroleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2, changes: 3 } as const;

/** The error's family, also for errors from a second copy of this module (lazy imports, workers). */
export function familyOf(error: unknown): ErrorFamily | undefined {
  const family = error instanceof Error ? (error as Partial<TightroleError>).family : undefined;
  return family === 'usage' || family === 'input' || family === 'aws' || family === 'internal'
    ? family
    : undefined;
}

export function exitCodeFor(error: unknown): number {
  return familyOf(error) === 'usage' ? EXIT.usage : EXIT.failure;
}
