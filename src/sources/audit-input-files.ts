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
export async function readIamStateFiles(paths: readonly string[]): Promise<IamState> {
  const problems: string[] = [];
  const states: IamState[] = [];
  for (const path of await inputFiles(paths, '.json', { recursive: true }, problems)) {
    const data = await readJson(path, problems);
    if (data !== undefined) states.push(iamStateFrom(data, path));
  }
  const merged = mergeIamStates(states);
  return { ...merged, problems: [...problems, ...merged.problems] };
}

/** `--lambda PATH...`: Lambda CLI outputs (see `lambdaConfigFrom`), files or directories of them. */
export async function readLambdaConfigFiles(paths: readonly string[]): Promise<LambdaConfig> {
  const problems: string[] = [];
  const parts: LambdaConfig[] = [];
  for (const path of await inputFiles(paths, '.json', { recursive: true }, problems)) {
    const data = await readJson(path, problems);
    if (data !== undefined) parts.push(lambdaConfigFrom(data, path));
  }
  const merged = mergeLambdaConfigs(parts);
  return { ...merged, problems: [...problems, ...merged.problems] };
}
