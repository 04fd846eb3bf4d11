import { isRoleArn } from '../model/identifiers.ts';
import { dayRange } from './cloudtrail-s3-days.ts';
import { eventDataStoreId, inList, sqlIdentifier, sqlString, sqlTableName } from './grouped-query-sql.ts';

/**
 * Request parameters that name resources, extracted and grouped on (a fixed list: the parameters the
 * catalog's ARN templates read most often). Others are not seen by grouped sources.
 */
export const GROUPED_REQUEST_PARAMETERS = [
  'bucketName',
  'key',
  'prefix',
  'tableName',
  'indexName',
  'queueUrl',
  'queueName',
  'topicArn',
  'targetArn',
  'functionName',
  'qualifier',
  'secretId',
  'name',
  'logGroupName',
  'logStreamName',
  'keyId',
  'streamName',
  'stateMachineArn',
  'roleName',
  'policyArn',
  'eventBusName',
  'repositoryName',
] as const;

/** The column alias of a grouped request parameter. */
export const paramColumn = (param: string) => `rp_${param.toLowerCase()}`;

/** Athena partition columns (partition projection), by what they hold. */
export interface AthenaPartitions {
  /** `yyyy/MM/dd` date column, e.g. "timestamp". */
  timestamp?: string;
  region?: string;
  account?: string;
}

export type GroupedQueryTarget =
  { kind: 'athena'; table: string; partitions?: AthenaPartitions } | { kind: 'lake'; eventDataStore: string };

export interface GroupedQueryOptions {
  target: GroupedQueryTarget;
  since?: string;
  until?: string;
  /** Role names or ARNs (as --role takes them); empty = every role. */
  roles: readonly string[];
  accounts: readonly string[];
  regions: readonly string[];
}

interface Dialect {
  from: string;
  param: (name: string) => string;
  time: (iso: string) => string;
}

function dialectOf(target: GroupedQueryTarget): Dialect {
  if (target.kind === 'lake') {
    return {
      from: eventDataStoreId(target.eventDataStore),
      param: (name) => `element_at(requestparameters, ${sqlString(name)})`,
      time: (iso) => `timestamp ${sqlString(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)}`,
    };
  }
  return {
    from: sqlTableName(target.table),
    param: (name) => `json_extract_scalar(requestparameters, ${sqlString(`$.${name}`)})`,
    time: (iso) => sqlString(`${iso.slice(0, 19)}Z`),
  };
}

function groupColumns(d: Dialect): string[] {
  return [
    'useridentity.sessioncontext.sessionissuer.arn AS role_arn',
    'eventsource AS event_source',
    'eventname AS event_name',
    'errorcode AS error_code',
    'awsregion AS aws_region',
    'recipientaccountid AS account_id',
    'vpcendpointid AS vpc_endpoint_id',
    // Only KMS calls use the service that called on the role's behalf (kms:ViaService, from invokedBy
    // alone); elsewhere it only adds rows.
    "CASE WHEN eventsource = 'kms.amazonaws.com' THEN useridentity.invokedby END AS invoked_by",
    ...GROUPED_REQUEST_PARAMETERS.map((p) => `${d.param(p)} AS ${paramColumn(p)}`),
    "array_join(array_sort(transform(resources, r -> r.arn)), ' ') AS resource_arns",
  ];
}

function roleFilter(roles: readonly string[]): string | undefined {
  const arns = roles.filter((r) => isRoleArn(r)).map((r) => r.toLowerCase());
  const names = roles.filter((r) => !isRoleArn(r)).map((r) => r.toLowerCase());
  const parts = [
    inList('lower(useridentity.sessioncontext.sessionissuer.arn)', arns),
    inList('lower(useridentity.sessioncontext.sessionissuer.username)', names),
  ].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? undefined : `(${parts.join(' OR ')})`;
}

function partitionFilters(options: GroupedQueryOptions): (string | undefined)[] {
  if (options.target.kind !== 'athena' || !options.target.partitions) return [];
  const { timestamp, region, account } = options.target.partitions;
  const days = dayRange(options.since, options.until);
  const column = timestamp ? sqlIdentifier(timestamp) : undefined;
  return [
    column && days.first ? `${column} >= ${sqlString(days.first)}` : undefined,
    column && days.last ? `${column} <= ${sqlString(days.last)}` : undefined,
    region ? inList(sqlIdentifier(region), options.regions) : undefined,
    account ? inList(sqlIdentifier(account), options.accounts) : undefined,
  ];
}

/**
 * The one query that aggregates a CloudTrail table (Athena) or event data store (CloudTrail Lake) to
 * what tightrole needs: calls grouped by role, event, error, region, account and resource-bearing
 * request parameters, with counts and first/last seen. Every user value is quoted; pure.
 */
export function groupedQuery(options: GroupedQueryOptions): string {
  const d = dialectOf(options.target);
  const columns = groupColumns(d);
  const where = [
    "useridentity.type = 'AssumedRole'",
    "eventtype = 'AwsApiCall'",
    options.since ? `eventtime >= ${d.time(options.since)}` : undefined,
    options.until ? `eventtime <= ${d.time(options.until)}` : undefined,
    ...partitionFilters(options),
    roleFilter(options.roles),
    inList('awsregion', options.regions),
    inList('recipientaccountid', options.accounts),
  ].filter((w): w is string => w !== undefined);
  const ordinals = columns.map((_, i) => String(i + 1)).join(', ');
  return [
    'SELECT',
    [...columns, 'count(*) AS calls', 'min(eventtime) AS first_seen', 'max(eventtime) AS last_seen']
      .map((c) => `  ${c}`)
      .join(',\n'),
    `FROM ${d.from}`,
    `WHERE ${where.join('\n  AND ')}`,
    `GROUP BY ${ordinals}`,
    `ORDER BY ${ordinals}`,
    '',
  ].join('\n');
}
