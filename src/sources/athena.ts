import type { QueryEngine } from '../aws/query-engine.ts';
import { groupedQuery, type AthenaPartitions, type GroupedQueryOptions } from './grouped-query.ts';
import { runQuery, type QueryRunOptions, type RowPage } from './grouped-query-run.ts';

/** What an Athena read takes: the CloudTrail table and, if it has them, its partition columns. */
export interface AthenaReadOptions extends Omit<GroupedQueryOptions, 'target'>, QueryRunOptions {
  table: string;
  partitions?: AthenaPartitions;
}

/** The grouped query for an Athena CloudTrail table. Pure. */
export function athenaQuery(options: AthenaReadOptions): string {
  const target = {
    kind: 'athena' as const,
    table: options.table,
    ...(options.partitions ? { partitions: options.partitions } : {}),
  };
  return groupedQuery({ ...options, target });
}

/** Runs the grouped query on Athena and yields its rows, page by page. */
export function readAthenaGrouped(engine: QueryEngine, options: AthenaReadOptions): AsyncGenerator<RowPage> {
  return runQuery(engine, athenaQuery(options), options);
}
