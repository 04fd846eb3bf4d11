import type { AwsClientOptions } from '../aws/clients.ts';
import type { FunctionConfigApi } from '../aws/lambda.ts';
import {
  EMPTY_LAMBDA_CONFIG,
  lambdaConfigFrom,
  mergeLambdaConfigs,
  type LambdaConfig,
} from '../audit/lambda-shapes.ts';
import type { FunctionConfig, FunctionKnowledge, LambdaFunction } from '../ingest/lambda-functions.ts';
import { readIamStateFiles, readLambdaConfigFiles } from '../sources/audit-input-files.ts';

/** Where generate learns what the evidence cannot show of a function (all optional). */
export interface FunctionKnowledgeOptions {
  /** Lambda CLI outputs (`--lambda`): list-functions / get-function-configuration, list-event-source-mappings. */
  lambda?: readonly string[];
  /** `get-account-authorization-details` outputs (`--iam`): the roles' trust policies. */
  iam?: readonly string[];
  /** Ask Lambda for the configuration and mappings of each function the evidence names (`--resolve-roles`). */
  fromLambda?: boolean;
}

export interface FunctionKnowledgeDeps {
  client?: AwsClientOptions;
  /** Test seam; default: the SDK client built from `client`. */
  lambdaConfigApi?: FunctionConfigApi;
  onWarning?: (message: string) => void;
}

/**
 * The function configurations and Lambda-only trust policies the options name. Files are read with
 * audit's readers; Lambda's replies go through the same parser as the files. Every problem is a
 * warning naming the input; what was read is still used.
 */
export async function readFunctionKnowledge(
  options: FunctionKnowledgeOptions,
  candidates: readonly LambdaFunction[],
  deps: FunctionKnowledgeDeps,
): Promise<FunctionKnowledge & { problems: string[] }> {
  const parts: LambdaConfig[] = [];
  if ((options.lambda?.length ?? 0) > 0) parts.push(await readLambdaConfigFiles(options.lambda!));
  if (options.fromLambda) parts.push(await askLambda(candidates, deps));
  const lambda = parts.length > 0 ? mergeLambdaConfigs(parts) : EMPTY_LAMBDA_CONFIG;
  const iam = (options.iam?.length ?? 0) > 0 ? await readIamStateFiles(options.iam!) : undefined;
  const problems = [...lambda.problems, ...(iam?.problems ?? [])];
  for (const problem of problems) deps.onWarning?.(problem);
  return {
    problems,
    ...(parts.length > 0 ? { configs: functionConfigs(lambda) } : {}),
    ...(iam ? { lambdaOnlyTrust: new Set(iam.lambdaOnlyTrust ?? []) } : {}),
  };
}

/** Each function's configuration with the event sources of its mappings. */
export function functionConfigs(lambda: LambdaConfig): FunctionConfig[] {
  return lambda.functions.map((f) => ({
    arn: f.arn,
    role: f.role,
    ...(f.logGroup ? { logGroup: f.logGroup } : {}),
    ...(f.vpc ? { vpc: f.vpc } : {}),
    // Self-managed Kafka names no ARN: nothing of the account to grant.
    eventSources: lambda.mappings
      .filter((m) => m.functionArn === f.arn && m.eventSourceArn !== 'self-managed')
      .map((m) => m.eventSourceArn),
  }));
}

/** GetFunctionConfiguration + ListEventSourceMappings of each candidate; a refusal is a warning. */
async function askLambda(
  candidates: readonly LambdaFunction[],
  deps: FunctionKnowledgeDeps,
): Promise<LambdaConfig> {
  const api = deps.lambdaConfigApi ?? (await import('../aws/lambda.ts')).lambdaConfigApi(deps.client ?? {});
  const parts: LambdaConfig[] = [];
  try {
    for (const f of candidates) {
      const arn = `arn:${f.partition}:lambda:${f.region}:${f.account}:function:${f.name}`;
      try {
        const config = await api.configOf(arn, f.region);
        const mappings = await api.mappingsOf(arn, f.region);
        parts.push(lambdaConfigFrom(config, `Lambda GetFunctionConfiguration ${f.name}`));
        parts.push(
          lambdaConfigFrom({ EventSourceMappings: mappings }, `Lambda ListEventSourceMappings ${f.name}`),
        );
      } catch (error) {
        deps.onWarning?.(
          `${(error as Error).message}; ${f.name}'s VPC, logging and event sources stay unknown`,
        );
      }
    }
  } finally {
    api.close();
  }
  return mergeLambdaConfigs(parts);
}
