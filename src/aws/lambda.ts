import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { baseClientConfig, type AwsClientOptions } from './clients.ts';
import { awsCall } from './errors.ts';

/** Function name or ARN (+ the region to ask when the name is not an ARN) -> its execution role ARN. */
export type FunctionRoleApi = {
  roleOf(functionNameOrArn: string, region?: string): Promise<string | undefined>;
  close(): void;
};

/**
 * Lambda `GetFunctionConfiguration` (one client per region, SDK retries). A refusal or a missing
 * function is an `AwsError` naming `lambda:GetFunctionConfiguration` on the function.
 */
export function lambdaRoleApi(options: AwsClientOptions): FunctionRoleApi {
  const clients = new Map<string, LambdaClient>();
  const clientFor = (region?: string): LambdaClient => {
    const key = region ?? '';
    let client = clients.get(key);
    if (!client) {
      client = new LambdaClient(baseClientConfig(options, region));
      clients.set(key, client);
    }
    return client;
  };
  return {
    async roleOf(functionNameOrArn, region) {
      const call = {
        api: 'Lambda GetFunctionConfiguration',
        ...(region ? { region } : {}),
        grant: { action: 'lambda:GetFunctionConfiguration', resource: functionNameOrArn },
      };
      const out = await awsCall(call, () =>
        clientFor(region).send(new GetFunctionConfigurationCommand({ FunctionName: functionNameOrArn })),
      );
      return out.Role;
    },
    close: () => {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
