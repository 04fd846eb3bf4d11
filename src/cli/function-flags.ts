import type { Argv } from 'yargs';
import type { EvidenceOptions } from '../app/evidence.ts';
import type { FunctionKnowledgeOptions } from '../app/function-knowledge.ts';

/** `--lambda` / `--iam` of generate and diff: what the evidence cannot show of the functions. */
export interface FunctionArgs {
  lambda?: string[] | undefined;
  iam?: string[] | undefined;
}

const FUNCTIONS = 'Function configuration (platform baselines):';

export function functionFlags<T>(y: Argv<T>) {
  return y
    .option('lambda', {
      type: 'string',
      array: true,
      describe:
        'Lambda list-functions / get-function-configuration and list-event-source-mappings outputs (files or directories): VPC, log group and event sources of each function',
      group: FUNCTIONS,
    })
    .option('iam', {
      type: 'string',
      array: true,
      describe:
        'aws iam get-account-authorization-details output: a role only Lambda may assume is a Lambda role',
      group: FUNCTIONS,
    });
}

/** The flags as options; `--resolve-roles` also asks Lambda for each function's configuration. */
export function functionKnowledgeOptions(
  args: FunctionArgs,
  evidence: EvidenceOptions,
): FunctionKnowledgeOptions {
  return {
    lambda: args.lambda ?? [],
    iam: args.iam ?? [],
    fromLambda: evidence.traces?.resolveRoles ?? false,
  };
}
