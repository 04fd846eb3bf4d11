import { BatchGetTracesCommand, GetTraceSummariesCommand, XRayClient } from '@aws-sdk/client-xray';
import { baseClientConfig, resolvedRegion, type AwsClientOptions } from './clients.ts';
import { awsCall } from './errors.ts';
import { listField } from './response.ts';

export { BATCH_GET_TRACES_MAX_IDS } from './xray-limits.ts';

export interface TraceSummariesRequest {
  /** ISO-8601. */
  start: string;
  end: string;
  filterExpression?: string;
  nextToken?: string;
}

/** One page of `BatchGetTraces`: each segment's JSON document, the IDs X-Ray could not return. */
export interface TracesPage {
  documents: string[];
  unprocessed: string[];
  nextToken?: string;
}

/** The X-Ray API as the trace reader needs it. */
export interface XRayApi {
  traceSummaries(request: TraceSummariesRequest): Promise<{ ids: string[]; nextToken?: string }>;
  batchGetTraces(ids: readonly string[], nextToken?: string): Promise<TracesPage>;
  close(): void;
}

/**
 * X-Ray `GetTraceSummaries` and `BatchGetTraces` over one client (region, endpoint, credentials and
 * retries from `options`: throttled calls are retried by the SDK). Errors name the API and the grant.
 */
export function xrayApi(options: AwsClientOptions): XRayApi {
  const client = new XRayClient(baseClientConfig(options));
  const call = async (api: string, action: string) => ({
    api: `X-Ray ${api}`,
    region: await resolvedRegion(client),
    grant: { action, resource: '*' },
  });
  return {
    async traceSummaries(request) {
      const input = {
        StartTime: new Date(request.start),
        EndTime: new Date(request.end),
        ...(request.filterExpression ? { FilterExpression: request.filterExpression } : {}),
        ...(request.nextToken ? { NextToken: request.nextToken } : {}),
      };
      const target = await call('GetTraceSummaries', 'xray:GetTraceSummaries');
      const out = await awsCall(target, () => client.send(new GetTraceSummariesCommand(input)));
      const ids = listField(out.TraceSummaries, 'X-Ray GetTraceSummaries', 'TraceSummaries').flatMap((s) =>
        s.Id ? [s.Id] : [],
      );
      return { ids, ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
    },
    async batchGetTraces(ids, nextToken) {
      const input = { TraceIds: [...ids], ...(nextToken ? { NextToken: nextToken } : {}) };
      const target = await call('BatchGetTraces', 'xray:BatchGetTraces');
      const out = await awsCall(target, () => client.send(new BatchGetTracesCommand(input)));
      const documents = listField(out.Traces, 'X-Ray BatchGetTraces', 'Traces').flatMap((t) =>
        listField(t.Segments, 'X-Ray BatchGetTraces', 'Segments').flatMap((s) =>
          typeof s.Document === 'string' ? [s.Document] : [],
        ),
      );
      return {
        documents,
        unprocessed: out.UnprocessedTraceIds ?? [],
        ...(out.NextToken ? { nextToken: out.NextToken } : {}),
      };
    },
    close: () => client.destroy(),
  };
}
