import data from '../catalog/data/trace-parameters.json' with { type: 'json' };
import { str, type JsonObject } from './fields.ts';

const IGNORED = new Set(data.xrayIgnored);
const MAX_TABLES = 100;

/** `table_name` -> `tableName`, `bucket_name` -> `bucketName`, `key` -> `key`. */
export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The `aws` object of an X-Ray AWS-SDK subsegment -> request parameter sets in the resolver's names.
 * Only string values are kept (counts, capacities and ids are not resource names). A DynamoDB batch
 * call (`table_names`) gives one set per table; `qualifier` joins `function_name` (`name:qualifier`),
 * because a qualified invocation is authorized on the qualified function ARN.
 */
export function xrayParamSets(aws: JsonObject): Record<string, unknown>[] {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(aws)) {
    if (IGNORED.has(key) || key === 'table_names' || key === 'qualifier' || typeof value !== 'string')
      continue;
    params[snakeToCamel(key)] = value;
  }
  const qualified = withQualifier(str(aws, 'function_name'), str(aws, 'qualifier'));
  if (qualified) params['functionName'] = qualified;
  return splitTables(params, aws['table_names']);
}

/** One parameter set per table name listed (at most 100), or the parameters as they are. */
export function splitTables(params: Record<string, unknown>, tableNames: unknown): Record<string, unknown>[] {
  const tables = Array.isArray(tableNames)
    ? [...new Set(tableNames.filter((t): t is string => typeof t === 'string' && t !== ''))].slice(
        0,
        MAX_TABLES,
      )
    : [];
  if (tables.length === 0) return [params];
  return tables.map((tableName) => ({ ...params, tableName }));
}

// Function name, partial or full ARN; a qualifier is appended only when the name carries none.
function withQualifier(name: string | undefined, qualifier: string | undefined): string | undefined {
  if (!name || !qualifier || qualifier === '$LATEST') return undefined;
  const parts = name.split(':');
  const qualifiedAlready = name.startsWith('arn:')
    ? parts.length > 7
    : parts.length === 2 || parts.length > 3;
  return qualifiedAlready ? undefined : `${name}:${qualifier}`;
}
