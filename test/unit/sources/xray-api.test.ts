import { xrayDocumentsFromValue } from '../../../src/ingest/trace-documents.ts';
import { expect } from 'chai';
import { xrayApi } from '../../../src/aws/xray.ts';
import { readXRayApi } from '../../../src/sources/xray-api.ts';
import { fastRetries, TEST_CREDENTIALS } from '../../support/local-aws.ts';
import { startLocalXRay, type XRayRequest, type XRayReply } from '../../support/local-xray.ts';

const ids = Array.from({ length: 12 }, (_, i) => `1-6920a000-${String(i).padStart(24, '0')}`);
const doc = (id: string) =>
  JSON.stringify({
    trace_id: id,
    id: 'aaaaaaaaaaaaaaaa',
    name: 'orders-api',
    origin: 'AWS::Lambda::Function',
    start_time: 1795000000,
    aws: { function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api' },
  });

/** Two summary pages (7 + 5 IDs); the first BatchGetTraces call is throttled once. */
function handler(): (r: XRayRequest) => XRayReply {
  let throttled = false;
  return (r) => {
    if (r.path === '/TraceSummaries') {
      const second = r.body['NextToken'] === 'page-2';
      return {
        body: {
          TraceSummaries: (second ? ids.slice(7) : ids.slice(0, 7)).map((Id) => ({ Id })),
          ...(second ? {} : { NextToken: 'page-2' }),
        },
      };
    }
    if (r.path === '/Traces') {
      if (!throttled) {
        throttled = true;
        return { status: 429, errorType: 'ThrottledException', body: { message: 'Rate exceeded' } };
      }
      const traceIds = r.body['TraceIds'] as string[];
      return {
        body: {
          Traces: traceIds.map((Id) => ({ Id, Segments: [{ Id: 'aaaaaaaaaaaaaaaa', Document: doc(Id) }] })),
          UnprocessedTraceIds: [],
        },
      };
    }
    return { status: 404, errorType: 'UnknownOperationException', body: {} };
  };
}

describe('X-Ray API reader (real @aws-sdk/client-xray against a local REST-JSON server)', () => {
  it('pages GetTraceSummaries, asks BatchGetTraces 5 IDs at a time, retries a throttled reply', async () => {
    const server = await startLocalXRay(handler());
    const api = xrayApi({
      region: 'eu-west-1',
      endpointUrl: server.endpoint,
      credentials: TEST_CREDENTIALS,
      retryStrategy: fastRetries(),
    });
    try {
      const pages = [];
      for await (const page of readXRayApi(api, {
        documentsOf: xrayDocumentsFromValue,
        since: '2026-11-20T00:00:00.000Z',
        until: '2026-11-20T04:00:00.000Z',
        filterExpression: 'service("orders-api")',
      }))
        pages.push(page);
      expect(pages.flatMap((p) => p.documents)).to.have.length(12);
      const summaries = server.requests.filter((r) => r.path === '/TraceSummaries');
      expect(
        summaries.map((r) => [
          r.body['StartTime'],
          r.body['EndTime'],
          r.body['FilterExpression'],
          r.body['NextToken'] ?? null,
        ]),
      ).to.deep.equal([
        [1795132800, 1795147200, 'service("orders-api")', null],
        [1795132800, 1795147200, 'service("orders-api")', 'page-2'],
      ]);
      const batches = server.requests
        .filter((r) => r.path === '/Traces')
        .map((r) => (r.body['TraceIds'] as string[]).length);
      // 7 IDs -> 5 + 2 (the first asked twice: throttled, then retried), 5 IDs -> 5.
      expect(batches).to.deep.equal([5, 5, 2, 5]);
    } finally {
      api.close();
      await server.close();
    }
  });

  it('splits a long window into 6-hour GetTraceSummaries calls', async () => {
    const server = await startLocalXRay(() => ({ body: { TraceSummaries: [] } }));
    const api = xrayApi({
      region: 'eu-west-1',
      endpointUrl: server.endpoint,
      credentials: TEST_CREDENTIALS,
      retryStrategy: fastRetries(),
    });
    try {
      for await (const _ of readXRayApi(api, {
        documentsOf: xrayDocumentsFromValue,
        since: '2026-11-20T00:00:00.000Z',
        until: '2026-11-21T03:00:00.000Z',
      }))
        void _;
      expect(
        server.requests.map((r) => (Number(r.body['EndTime']) - Number(r.body['StartTime'])) / 3600),
      ).to.deep.equal([6, 6, 6, 6, 3]);
    } finally {
      api.close();
      await server.close();
    }
  });

  it('names the API and the permission when X-Ray refuses', async () => {
    const server = await startLocalXRay(() => ({
      status: 403,
      errorType: 'AccessDeniedException',
      body: { message: 'no' },
    }));
    const api = xrayApi({
      region: 'eu-west-1',
      endpointUrl: server.endpoint,
      credentials: TEST_CREDENTIALS,
      retryStrategy: fastRetries(),
    });
    try {
      const pages = readXRayApi(api, {
        documentsOf: xrayDocumentsFromValue,
        since: '2026-11-20T00:00:00.000Z',
        until: '2026-11-20T01:00:00.000Z',
      });
      const error = await pages.next().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).to.match(
        /X-Ray GetTraceSummaries in eu-west-1 was refused .*xray:GetTraceSummaries/,
      );
    } finally {
      api.close();
      await server.close();
    }
  });
});
