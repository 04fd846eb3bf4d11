import { readFile, stat } from 'node:fs/promises';
import { iamStateFrom, mergeIamStates, type IamState } from '../audit/iam-state.ts';
import { inputFiles } from './input-files.ts';
import { lambdaConfigFrom, mergeLambdaConfigs, type LambdaConfig } from '../audit/lambda-shapes.ts';

// IAM authorization details of a large account run to tens of MB; more than this is not one.
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

async function readJson(path: string, problems: string[]): Promise<unknown> {
  try {
    const info = await stat(path);
    if (info.size > MAX_INPUT_BYTES) {
      problems.push(`${path}: larger than ${MAX_INPUT_BYTES} bytes; skipped`);
      return undefined;
    }
    const text = await readFile(path, 'utf8');
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    problems.push(
      `${path}: ${error instanceof SyntaxError ? 'not JSON' : 'unreadable'} (${(error as Error).message}); skipped`,
    );
    return undefined;
  }
}

/**
 * `--iam FILE...`: `get-account-authorization-details` outputs. A bad file is a problem naming it;
 * the other files are still read.
 */
export function readIamStateFiles(paths: readonly string[]): Promise<IamState> {
  return readJsonInputs(paths, iamStateFrom, mergeIamStates);
}

/** `--lambda PATH...`: Lambda CLI outputs (see `lambdaConfigFrom`), files or directories of them. */
export function readLambdaConfigFiles(paths: readonly string[]): Promise<LambdaConfig> {
  return readJsonInputs(paths, lambdaConfigFrom, mergeLambdaConfigs);
}

/** Every `.json` under `paths`, each parsed by `from` and all merged; file problems join the result's. */
async function readJsonInputs<T extends { problems: string[] }>(
  paths: readonly string[],
  from: (data: unknown, path: string) => T,
  merge: (parts: T[]) => T,
): Promise<T> {
  const problems: string[] = [];
  const parts: T[] = [];
  for (const path of await inputFiles(paths, '.json', { recursive: true }, problems)) {
    const data = await readJson(path, problems);
    if (data !== undefined) parts.push(from(data, path));
  }
  const merged = merge(parts);
  return { ...merged, problems: [...problems, ...merged.problems] };
}
