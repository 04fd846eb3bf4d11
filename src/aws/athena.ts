import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type Row,
} from '@aws-sdk/client-athena';
import type { AwsClients } from './clients.ts';
import { awsCall, type AwsCall } from './errors.ts';
import type { QueryEngine, QueryRow, QueryState } from './query-engine.ts';
import { listField } from './response.ts';

/** Where Athena runs and writes: `outputLocation` is an s3:// URL. */
export interface AthenaTarget {
  outputLocation: string;
  /** Default: the account's "primary" work group. */
  workgroup?: string;
  database?: string;
}

function call(api: string, target: AthenaTarget, region?: string): AwsCall {
  const resource = `arn:aws:athena:*:*:workgroup/${target.workgroup ?? 'primary'}`;
  return {
    api: `Athena ${api}`,
    ...(region ? { region } : {}),
    grant: { action: `athena:${api}`, resource },
  };
}

function stateOf(state: string | undefined, reason: string | undefined): QueryState {
  if (state === 'SUCCEEDED') return { kind: 'done' };
  if (state === 'QUEUED' || state === 'RUNNING' || state === undefined) return { kind: 'running' };
  return { kind: 'failed', reason: `${state}${reason ? `: ${reason}` : ''}` };
}

function toRows(names: string[], rows: Row[]): QueryRow[] {
  return rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row.Data?.[i]?.VarCharValue])));
}

/** Athena as a query engine (StartQueryExecution, GetQueryExecution, GetQueryResults). */
export function athenaEngine(clients: AwsClients, target: AthenaTarget): QueryEngine {
  const client = clients.athena();
  const region = clients.options.region;
  return {
    name: 'Athena',
    async start(sql) {
      const input = {
        QueryString: sql,
        ResultConfiguration: { OutputLocation: target.outputLocation },
        ...(target.workgroup ? { WorkGroup: target.workgroup } : {}),
        ...(target.database ? { QueryExecutionContext: { Database: target.database } } : {}),
      };
      const out = await awsCall(call('StartQueryExecution', target, region), () =>
        client.send(new StartQueryExecutionCommand(input)),
      );
      return out.QueryExecutionId ?? '';
    },
    async status(queryId) {
      const out = await awsCall(call('GetQueryExecution', target, region), () =>
        client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId })),
      );
      const status = out.QueryExecution?.Status;
      return stateOf(status?.State, status?.StateChangeReason);
    },
    async results(queryId, nextToken) {
      const input = {
        QueryExecutionId: queryId,
        MaxResults: 1000,
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
      const out = await awsCall(call('GetQueryResults', target, region), () =>
        client.send(new GetQueryResultsCommand(input)),
      );
      const names = listField(
        out.ResultSet?.ResultSetMetadata?.ColumnInfo,
        'Athena GetQueryResults',
        'ColumnInfo',
      ).map((c) => c.Name ?? '');
      // The first page of a SELECT starts with the column names as a row.
      const raw = listField(out.ResultSet?.Rows, 'Athena GetQueryResults', 'Rows');
      const body =
        !nextToken && raw[0]?.Data?.every((d, i) => d.VarCharValue === names[i]) ? raw.slice(1) : raw;
      return { rows: toRows(names, body), ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
  };
}
