import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { baseClientConfig, type AwsClientOptions } from './clients.ts';
import { awsCall } from './errors.ts';
import { pages } from './iam.ts';

/** One Lambda client per region asked (a function ARN names its region), all closed together. */
function regionalClients(options: AwsClientOptions): {
  clientFor: (region?: string) => LambdaClient;
  close: () => void;
} {
  const clients = new Map<string, LambdaClient>();
  return {
    clientFor: (region) => {
      const key = region ?? '';
      let client = clients.get(key);
      if (!client) {
        client = new LambdaClient(baseClientConfig(options, region));
        clients.set(key, client);
      }
      return client;
    },
    close: () => {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

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
  const { clientFor, close } = regionalClients(options);
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
    close,
  };
}

/** One function's configuration and event source mappings, as Lambda returns them (parsed by the caller). */
export type FunctionConfigApi = {
  /** `GetFunctionConfiguration` of the function (name or ARN) in `region`. */
  configOf(functionNameOrArn: string, region?: string): Promise<unknown>;
  /** `ListEventSourceMappings` filtered to the function (every page). */
  mappingsOf(functionNameOrArn: string, region?: string): Promise<unknown[]>;
  close(): void;
};

/**
 * Lambda `GetFunctionConfiguration` and `ListEventSourceMappings?FunctionName=` (one client per
 * region, SDK retries). A refusal is an `AwsError` naming the action and the function.
 */
export function lambdaConfigApi(options: AwsClientOptions): FunctionConfigApi {
  const { clientFor, close } = regionalClients(options);
  const call = (api: string, resource: string, region?: string) => ({
    api: `Lambda ${api}`,
    ...(region ? { region } : {}),
    grant: { action: `lambda:${api}`, resource },
  });
  return {
    async configOf(fn, region) {
      const out = await awsCall(call('GetFunctionConfiguration', fn, region), () =>
        clientFor(region).send(new GetFunctionConfigurationCommand({ FunctionName: fn })),
      );
      return out;
    },
    async mappingsOf(fn, region) {
      // ListEventSourceMappings is authorized on "*" (the SAR lists no resource type for it).
      return pages<unknown>(async (Marker) => {
        const out = await awsCall(call('ListEventSourceMappings', '*', region), () =>
          clientFor(region).send(new ListEventSourceMappingsCommand({ FunctionName: fn, Marker })),
        );
        return { items: out.EventSourceMappings ?? [], next: out.NextMarker };
      });
    },
    close,
  };
}
