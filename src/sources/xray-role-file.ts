import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { isRoleArn, type Arn } from '../model/identifiers.ts';

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

/** A mapping file's JSON (`{ "functionNameOrArn": "roleArn" }`) -> its pairs and the entries rejected. */
export function parseFunctionRoleMapping(value: unknown): { entries: [string, Arn][]; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { entries: [], problems: ['expected a JSON object { "function": "role ARN" }'] };
  const entries: [string, Arn][] = [];
  const problems: string[] = [];
  for (const [key, role] of Object.entries(value)) {
    if (key.startsWith('$')) continue; // "$comment" and the like
    if (typeof role === 'string' && isRoleArn(role)) entries.push([key, role]);
    else problems.push(`${key}: ${JSON.stringify(role)} is not a role ARN`);
  }
  return { entries, problems };
}
