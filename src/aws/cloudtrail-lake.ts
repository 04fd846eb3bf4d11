import { DescribeQueryCommand, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from './clients.ts';
import { awsCall, type AwsCall } from './errors.ts';
import type { QueryEngine, QueryRow, QueryState } from './query-engine.ts';
import { listField } from './response.ts';

/** The event data store's ARN when given one, else an ARN pattern for its ID (for "grant ... on"). */
export function eventDataStoreResource(eventDataStore: string): string {
  return eventDataStore.startsWith('arn:')
    ? eventDataStore
    : `arn:aws:cloudtrail:*:*:eventdatastore/${eventDataStore}`;
}

function call(api: string, action: string, eventDataStore: string, region?: string): AwsCall {
  return {
    api: `CloudTrail Lake ${api}`,
    ...(region ? { region } : {}),
    grant: { action: `cloudtrail:${action}`, resource: eventDataStoreResource(eventDataStore) },
  };
}

// GetQueryResults rows are lists of one-entry objects: [[{"eventName":"GetObject"},{"calls":"3"}], ...].
function flattenRow(cells: Record<string, string>[]): QueryRow {
  return Object.assign({}, ...cells) as QueryRow;
}

function stateOf(status: string | undefined, error: string | undefined): QueryState {
  if (status === 'FINISHED') return { kind: 'done' };
  if (status === 'QUEUED' || status === 'RUNNING' || status === undefined) return { kind: 'running' };
  return { kind: 'failed', reason: `${status}${error ? `: ${error}` : ''}` };
}

/**
 * CloudTrail Lake as a query engine (StartQuery, DescribeQuery, GetQueryResults). An event data store
 * ARN names its region, and the query runs there whatever the default region is.
 */
export function cloudTrailLakeEngine(clients: AwsClients, eventDataStore: string): QueryEngine {
  const region = /^arn:[^:]+:cloudtrail:([a-z0-9-]+):/.exec(eventDataStore)?.[1] ?? clients.options.region;
  const client = clients.cloudTrail(region);
  return {
    name: 'CloudTrail Lake',
    async start(sql) {
      const out = await awsCall(call('StartQuery', 'StartQuery', eventDataStore, region), () =>
        client.send(new StartQueryCommand({ QueryStatement: sql })),
      );
      return out.QueryId ?? '';
    },
    async status(queryId) {
      const out = await awsCall(call('DescribeQuery', 'DescribeQuery', eventDataStore, region), () =>
        client.send(new DescribeQueryCommand({ QueryId: queryId })),
      );
      return stateOf(out.QueryStatus, out.ErrorMessage);
    },
    async results(queryId, nextToken) {
      const input = { QueryId: queryId, ...(nextToken ? { NextToken: nextToken } : {}) };
      const out = await awsCall(call('GetQueryResults', 'GetQueryResults', eventDataStore, region), () =>
        client.send(new GetQueryResultsCommand(input)),
      );
      const rows = listField(out.QueryResultRows, 'CloudTrail Lake GetQueryResults', 'QueryResultRows').map(
        flattenRow,
      );
      return { rows, ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
  };
}
