import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { parseFunctionRoleMapping } from '../ingest/function-roles.ts';
import type { Arn } from '../model/identifiers.ts';

/**
 * Reads a function -> role mapping file (`{ "functionNameOrArn": "roleArn" }`). A missing or
 * unreadable file, or one with no valid entry, is an `InputError`; rejected entries are returned.
 */
export async function readFunctionRolesFile(
  path: string,
): Promise<{ entries: [string, Arn][]; problems: string[] }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new InputError(`--function-roles-file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseFunctionRoleMapping(value);
  if (parsed.entries.length === 0)
    throw new InputError(
      `--function-roles-file ${path}: no entry "function": "role ARN" (${parsed.problems[0] ?? 'empty'})`,
    );
  return parsed;
}
