import {
  GetPolicyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
} from '@aws-sdk/client-lambda';
import { lambdaConfigFrom, mergeLambdaConfigs, type LambdaConfig } from '../audit/lambda-shapes.ts';
import { baseClientConfig, type AwsClientOptions } from './clients.ts';
import { awsCall } from './errors.ts';
import { pages } from './iam.ts';
import { listField } from './response.ts';

/**
 * The region's functions, their event source mappings, resource policies and URL configs, read with
 * ListFunctions, ListEventSourceMappings, GetPolicy and ListFunctionUrlConfigs (paged by Marker). A
 * function without a resource policy (ResourceNotFoundException) simply has none. Replies go through
 * the same parser as the CLI's JSON files, so a malformed entry is reported, never trusted.
 */
export async function readLambdaConfigFromApi(
  options: AwsClientOptions,
  region?: string,
): Promise<LambdaConfig> {
  const client = new LambdaClient(baseClientConfig(options, region));
  const call = (api: string, resource = '*') => ({
    api: `Lambda ${api}`,
    ...(region ? { region } : {}),
    grant: { action: `lambda:${api}`, resource },
  });
  try {
    const functions = await pages(async (Marker) => {
      const out = await awsCall(call('ListFunctions'), () =>
        client.send(new ListFunctionsCommand({ Marker })),
      );
      return { items: listField(out.Functions, 'Lambda ListFunctions', 'Functions'), next: out.NextMarker };
    });
    const mappings = await pages(async (Marker) => {
      const out = await awsCall(call('ListEventSourceMappings'), () =>
        client.send(new ListEventSourceMappingsCommand({ Marker })),
      );
      return {
        items: listField(out.EventSourceMappings, 'Lambda ListEventSourceMappings', 'EventSourceMappings'),
        next: out.NextMarker,
      };
    });
    const parts: LambdaConfig[] = [
      lambdaConfigFrom({ Functions: functions }, 'Lambda ListFunctions'),
      lambdaConfigFrom({ EventSourceMappings: mappings }, 'Lambda ListEventSourceMappings'),
    ];
    for (const f of functions) {
      const name = f.FunctionName;
      if (typeof name !== 'string') continue;
      const policy = await awsCall(call('GetPolicy', f.FunctionArn ?? name), () =>
        client.send(new GetPolicyCommand({ FunctionName: name })),
      ).catch((error: unknown) => {
        if (notFound(error)) return undefined;
        throw error;
      });
      if (policy?.Policy !== undefined)
        parts.push(lambdaConfigFrom({ Policy: policy.Policy }, `Lambda GetPolicy ${name}`));
      const urls = await pages(async (Marker) => {
        const out = await awsCall(call('ListFunctionUrlConfigs', f.FunctionArn ?? name), () =>
          client.send(new ListFunctionUrlConfigsCommand({ FunctionName: name, Marker })),
        );
        return {
          items: listField(out.FunctionUrlConfigs, 'Lambda ListFunctionUrlConfigs', 'FunctionUrlConfigs'),
          next: out.NextMarker,
        };
      });
      if (urls.length > 0)
        parts.push(lambdaConfigFrom({ FunctionUrlConfigs: urls }, `Lambda ListFunctionUrlConfigs ${name}`));
    }
    return mergeLambdaConfigs(parts);
  } finally {
    client.destroy();
  }
}

function notFound(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : '';
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  return (
    /ResourceNotFound/.test(text) || (cause instanceof Error && cause.name === 'ResourceNotFoundException')
  );
}
