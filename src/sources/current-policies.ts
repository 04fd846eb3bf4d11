import { readFile } from 'node:fs/promises';
import { currentFromJson, mergeCurrent } from '../current/json-shapes.ts';
import type { CurrentPolicies, ShapeResult } from '../current/types.ts';
import { InputError } from '../errors.ts';
import { inputFiles } from './input-files.ts';
import { currentFromTerraform, type TfFile } from './current-policies-terraform.ts';

/**
 * Reads `--current FILE...` for one role: JSON files (policy documents and AWS CLI outputs, see
 * `currentFromJson`) and Terraform (`*.tf` files, or a directory: its `*.tf` files, read together so
 * references between them resolve). Any unreadable or invalid file fails the run with every problem
 * listed: a diff against half the current policies would mislead.
 */
export async function readCurrentPolicyFiles(
  paths: readonly string[],
  role: string,
): Promise<CurrentPolicies> {
  const parts: CurrentPolicies[] = [];
  const problems: string[] = [];
  const terraform: TfFile[] = [];
  for (const path of await inputFiles(paths, '.tf', { recursive: false }, problems)) {
    const text = await readFile(path, 'utf8').catch(
      (error: Error) => void problems.push(`${path}: ${error.message}`),
    );
    if (text === undefined) continue;
    if (path.endsWith('.tf')) terraform.push({ path, text });
    else collect(parseJson(text, path, role), parts, problems);
  }
  if (terraform.length > 0) collect(await currentFromTerraform(terraform, role), parts, problems);
  if (problems.length > 0)
    throw new InputError(`cannot use the current policies:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return mergeCurrent(parts);
}

function parseJson(text: string, path: string, role: string): ShapeResult {
  try {
    return currentFromJson(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), path, role);
  } catch (error) {
    return { ok: false, problems: [`${path}: not JSON (${(error as Error).message})`] };
  }
}

function collect(result: ShapeResult, parts: CurrentPolicies[], problems: string[]): void {
  if (result.ok) parts.push(result.value);
  else problems.push(...result.problems);
}
