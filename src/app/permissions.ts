import { partitionForRegion } from '../catalog/partition.ts';
import { POLICY_VERSION, type PolicyDocument, type Statement } from '../model/policy.ts';
import { parseS3Url } from '../sources/cloudtrail-s3-layout.ts';
import { eventDataStoreId } from '../sources/grouped-query-sql.ts';

/** The options of a tightrole run whose own AWS permissions are wanted. */
export interface PermissionsRequest {
  /** `s3://bucket/prefix` trail locations (local paths are ignored). */
  cloudtrail: readonly string[];
  cloudtrailApi: boolean;
  cloudtrailLake?: string;
  athena?: { table: string; output: string; workgroup?: string; database?: string };
  /** `--current-from-iam` for these roles (names or ARNs; empty = any role). */
  currentFromIam: boolean;
  roles: readonly string[];
  xrayApi: boolean;
  resolveRoles: boolean;
  /** `audit --iam-from-api`: every role and policy, in one paginated call. */
  iamFromApi?: boolean;
  /** `audit --lambda-from-api`: functions, event source mappings, resource policies and URLs. */
  lambdaFromApi?: boolean;
  accounts: readonly string[];
  regions: readonly string[];
}

interface Scope {
  partition: string;
  account: string;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const allow = (
  Sid: string,
  actions: string[],
  resources: string[],
  Condition?: Statement['Condition'],
): Statement => ({
  Sid,
  Effect: 'Allow',
  Action: sorted(actions),
  Resource: sorted(resources),
  ...(Condition ? { Condition } : {}),
});

function trailStatements(urls: readonly string[], { partition }: Scope): Statement[] {
  const locations = urls.filter((u) => u.startsWith('s3://')).map(parseS3Url);
  if (locations.length === 0) return [];
  const buckets = sorted(locations.map((l) => l.bucket));
  const prefixes = locations.filter((l) => l.prefix !== '').map((l) => `${l.prefix}*`);
  // A listing at the bucket root carries no s3:prefix, so only prefixed locations get the condition.
  const rooted = locations.some((l) => l.prefix === '');
  return [
    allow(
      'ListTrailBucket',
      ['s3:ListBucket'],
      buckets.map((b) => `arn:${partition}:s3:::${b}`),
      rooted ? undefined : { StringLike: { 's3:prefix': sorted(prefixes) } },
    ),
    allow(
      'ReadTrailObjects',
      ['s3:GetObject'],
      locations.map((l) => `arn:${partition}:s3:::${l.bucket}/${l.prefix}*`),
    ),
  ];
}

function lakeStatements(
  store: string | undefined,
  { partition, account }: Scope,
  region: string,
): Statement[] {
  if (!store) return [];
  const arn = store.startsWith('arn:')
    ? store
    : `arn:${partition}:cloudtrail:${region}:${account}:eventdatastore/${eventDataStoreId(store)}`;
  return [
    allow(
      'QueryCloudTrailLake',
      ['cloudtrail:StartQuery', 'cloudtrail:DescribeQuery', 'cloudtrail:GetQueryResults'],
      [arn],
    ),
  ];
}

function athenaStatements(
  athena: PermissionsRequest['athena'],
  { partition, account }: Scope,
  region: string,
): Statement[] {
  if (!athena) return [];
  const parts = athena.table.split('.');
  const table = parts[parts.length - 1]!;
  const database = athena.database ?? (parts.length > 1 ? parts[parts.length - 2]! : '*');
  const glue = `arn:${partition}:glue:${region}:${account}`;
  const out = parseS3Url(athena.output);
  return [
    allow(
      'RunAthenaQuery',
      ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'],
      [`arn:${partition}:athena:${region}:${account}:workgroup/${athena.workgroup ?? 'primary'}`],
    ),
    allow(
      'ReadGlueTable',
      ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      [`${glue}:catalog`, `${glue}:database/${database}`, `${glue}:table/${database}/${table}`],
    ),
    allow(
      'AthenaOutputBucket',
      ['s3:GetBucketLocation', 's3:ListBucket'],
      [`arn:${partition}:s3:::${out.bucket}`],
    ),
    allow(
      'AthenaOutputObjects',
      ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
      [`arn:${partition}:s3:::${out.bucket}/${out.prefix}*`],
    ),
  ];
}

function iamStatements(request: PermissionsRequest, { partition, account }: Scope): Statement[] {
  if (!request.currentFromIam) return [];
  const names = request.roles.filter((r) => !r.startsWith('arn:'));
  const roles = [
    ...request.roles.filter((r) => r.startsWith('arn:')),
    // A role name alone may sit under a path (service-role/...): allow the root and any path.
    ...names.flatMap((n) => [
      `arn:${partition}:iam::${account}:role/${n}`,
      `arn:${partition}:iam::${account}:role/*/${n}`,
    ]),
  ];
  const roleActions = [
    'iam:GetRole',
    'iam:GetRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
  ];
  return [
    allow(
      'ReadRolePolicies',
      roleActions,
      roles.length > 0 ? roles : [`arn:${partition}:iam::${account}:role/*`],
    ),
    // Attached managed policies are not known in advance, and AWS managed ones live in account "aws".
    allow(
      'ReadManagedPolicies',
      ['iam:GetPolicy', 'iam:GetPolicyVersion'],
      [`arn:${partition}:iam::*:policy/*`],
    ),
  ];
}

/**
 * The least-privilege, read-only policy tightrole itself needs for the options given. Pure; actions
 * and resources sorted, Sids fixed per purpose. Without `--account`/`--region`, ARNs use `*` there.
 */
export function permissionsPolicy(request: PermissionsRequest): PolicyDocument {
  const region = request.regions.length === 1 ? request.regions[0]! : '*';
  const scope: Scope = {
    partition: partitionForRegion(request.regions[0] ?? 'us-east-1'),
    account: request.accounts.length === 1 ? request.accounts[0]! : '*',
  };
  const statements = [
    ...trailStatements(request.cloudtrail, scope),
    ...(request.cloudtrailApi ? [allow('LookupCloudTrailEvents', ['cloudtrail:LookupEvents'], ['*'])] : []),
    ...lakeStatements(request.cloudtrailLake, scope, region),
    ...athenaStatements(request.athena, scope, region),
    ...iamStatements(request, scope),
    ...(request.xrayApi
      ? [allow('ReadXRayTraces', ['xray:BatchGetTraces', 'xray:GetTraceSummaries'], ['*'])]
      : []),
    ...(request.resolveRoles
      ? [
          allow(
            'ResolveFunctionRoles',
            ['lambda:GetFunctionConfiguration'],
            [`arn:${scope.partition}:lambda:${region}:${scope.account}:function:*`],
          ),
          // The function's event source mappings (polling baselines); the action has no resource type.
          allow('ListFunctionEventSources', ['lambda:ListEventSourceMappings'], ['*']),
        ]
      : []),
    ...auditStatements(request, scope, region),
  ];
  return { Version: POLICY_VERSION, Statement: statements };
}

/** `audit`'s live reads. The two List calls and GetAccountAuthorizationDetails have no resource type. */
function auditStatements(
  request: PermissionsRequest,
  { partition, account }: Scope,
  region: string,
): Statement[] {
  return [
    ...(request.iamFromApi
      ? [allow('ReadAccountAuthorization', ['iam:GetAccountAuthorizationDetails'], ['*'])]
      : []),
    ...(request.lambdaFromApi
      ? [
          allow(
            'ListFunctionsAndEventSources',
            ['lambda:ListEventSourceMappings', 'lambda:ListFunctions'],
            ['*'],
          ),
          allow(
            'ReadFunctionExposure',
            ['lambda:GetPolicy', 'lambda:ListFunctionUrlConfigs'],
            [`arn:${partition}:lambda:${region}:${account}:function:*`],
          ),
        ]
      : []),
  ];
}
