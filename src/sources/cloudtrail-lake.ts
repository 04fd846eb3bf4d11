import type { QueryEngine } from '../aws/query-engine.ts';
import { groupedQuery, type GroupedQueryOptions } from './grouped-query.ts';
import { runQuery, type QueryRunOptions, type RowPage } from './grouped-query-run.ts';

/** What a CloudTrail Lake read takes: the event data store (ID or ARN). */
export interface LakeReadOptions extends Omit<GroupedQueryOptions, 'target'>, QueryRunOptions {
  eventDataStore: string;
}

/** The grouped query for a CloudTrail Lake event data store. Pure. */
export function lakeQuery(options: LakeReadOptions): string {
  return groupedQuery({ ...options, target: { kind: 'lake', eventDataStore: options.eventDataStore } });
}

/** Runs the grouped query on CloudTrail Lake and yields its rows, page by page. */
export function readLakeGrouped(engine: QueryEngine, options: LakeReadOptions): AsyncGenerator<RowPage> {
  return runQuery(engine, lakeQuery(options), options);
}
