import type { LambdaConfig } from '../audit/lambda-shapes.ts';
import type { AwsClientOptions } from '../aws/clients.ts';
import { readIamStateFiles, readLambdaConfigFiles } from '../sources/audit-input-files.ts';
import { readCurrentPolicyFiles } from '../sources/current-policies.ts';
import type { AccountPorts, CurrentPoliciesReader, IamStateReader, LambdaConfigReader } from './ports.ts';

/** Where an account input comes from: JSON files, or the AWS API. */
export type AccountSource =
  { kind: 'files'; files: readonly string[] } | { kind: 'api'; client: AwsClientOptions };

/** Where the role's current policies come from. */
export type CurrentSource =
  { kind: 'files'; files: readonly string[] } | { kind: 'iam'; client: AwsClientOptions };

/** The real account readers for `audit`: files, or the IAM and Lambda APIs (SDK loaded only when asked). */
export function accountReaders(
  iam: AccountSource,
  lambda: AccountSource,
  lambdaRegions: readonly string[] = [],
): AccountPorts {
  return { readIam: iamStateReader(iam), readLambda: lambdaConfigReader(lambda, lambdaRegions) };
}

function iamStateReader(source: AccountSource): IamStateReader {
  if (source.kind === 'files') return () => readIamStateFiles(source.files);
  return async () => {
    const { iamClient } = await import('../aws/iam.ts');
    const { readIamStateFromApi } = await import('../aws/iam-authorization-details.ts');
    const client = iamClient(source.client);
    try {
      return await readIamStateFromApi(client);
    } finally {
      client.destroy();
    }
  };
}

function lambdaConfigReader(source: AccountSource, regions: readonly string[]): LambdaConfigReader {
  if (source.kind === 'files') return () => readLambdaConfigFiles(source.files);
  return async () => {
    const { readLambdaConfigFromApi } = await import('../aws/lambda-config.ts');
    const { mergeLambdaConfigs } = await import('../audit/lambda-shapes.ts');
    const parts: LambdaConfig[] = [];
    for (const region of regions.length > 0 ? regions : [undefined])
      parts.push(await readLambdaConfigFromApi(source.client, region));
    return mergeLambdaConfigs(parts);
  };
}

/** The real current-policy reader for `diff`: JSON/Terraform files, or the IAM API (SDK loaded only then). */
export function currentPoliciesReader(source: CurrentSource): CurrentPoliciesReader {
  if (source.kind === 'files') return (role) => readCurrentPolicyFiles(source.files, role);
  return async (role) => {
    const { iamClient, readRolePoliciesFromIam } = await import('../aws/iam.ts');
    const client = iamClient(source.client);
    try {
      return await readRolePoliciesFromIam(client, role);
    } finally {
      client.destroy();
    }
  };
}
