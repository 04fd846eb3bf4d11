import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Catalog } from '../../../src/catalog/catalog.ts';
import { observeSdkCall, type CallResult } from '../../../src/ingest/trace-call.ts';
import { xrayDocumentsFromText } from '../../../src/ingest/trace-documents.ts';
import { batchPrefixes, xrayBatch, type TraceBatch } from '../../../src/ingest/trace-feed.ts';
import { MAX_DEPTH, xraySegmentCalls } from '../../../src/ingest/xray-segment.ts';
import type { Observation } from '../../../src/model/observation.ts';
import { realCatalog } from '../../support/catalog.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/xray/${name}`, import.meta.url), 'utf8');

async function observe(batch: TraceBatch): Promise<{ results: CallResult[]; catalog: Catalog }> {
  const catalog = await realCatalog(...batchPrefixes(batch));
  return { results: batch.calls.map((c) => observeSdkCall(c.call, catalog, {})), catalog };
}

function observations(results: CallResult[]): Pick<Observation, 'action' | 'resources' | 'outcome'>[] {
  return results.flatMap((r) =>
    r.kind === 'observations'
      ? r.observations.map(({ action, resources, outcome }) => ({ action, resources, outcome }))
      : [],
  );
}

const segment = (extra: Record<string, unknown>) => ({
  trace_id: '1-67890abc-0123456789abcdef01234567',
  id: 'aaaaaaaaaaaaaaaa',
  name: 'orders-api',
  origin: 'AWS::Lambda::Function',
  start_time: 1795000000.5,
  aws: { function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api' },
  ...extra,
});
const sdk = (name: string, aws: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'bbbbbbbbbbbbbbbb',
  name,
  namespace: 'aws',
  start_time: 1795000000.6,
  http: { response: { status: 200 } },
  aws: { region: 'eu-west-1', request_id: 'r-1', retries: 0, ...aws },
  ...extra,
});

describe('X-Ray segment documents -> observations', () => {
  it('reads batch-get-traces output (AWS docs example): skips inferred segments, finds calls at any depth', async () => {
    const docs = xrayDocumentsFromText(fixture('xray-api-gettingdata.block07.json'));
    expect(docs.documents).to.have.length(5);
    const batch = xrayBatch(docs.documents, 'doc', '123456789012');
    expect(batch.skips.map((s) => s.reason).sort()).to.deep.equal([
      'inferred-segment',
      'inferred-segment',
      'no-aws-call',
    ]);
    expect(batch.calls.map((c) => `${c.subject?.name} ${c.call.service}.${c.call.operation}`)).to.deep.equal([
      'Scorekeep Lambda.Invoke',
      'Scorekeep DynamoDB.UpdateItem',
      'random-name SNS.Publish',
    ]);
    const fn = batch.calls[2]!.subject;
    expect(fn).to.deep.equal({
      name: 'random-name',
      functionArn: 'arn:aws:lambda:us-west-2:123456789012:function:random-name',
      account: '123456789012',
      region: 'us-west-2',
    });
    const { results } = await observe(batch);
    expect(observations(results)).to.deep.equal([
      {
        action: 'lambda:InvokeFunction',
        resources: ['arn:aws:lambda:us-west-2:123456789012:function:random-name'],
        outcome: 'allowed',
      },
      {
        action: 'dynamodb:UpdateItem',
        resources: ['arn:aws:dynamodb:us-west-2:123456789012:table/scorekeep-user'],
        outcome: 'allowed',
      },
      {
        action: 'sns:Publish',
        resources: [
          'arn:aws:sns:us-west-2:123456789012:awseb-e-ruag3jyweb-stack-NotificationTopic-6B829NT9V5O9',
        ],
        outcome: 'allowed',
      },
    ]);
  });

  it('never builds an ARN without an account: such calls are counted as resource-not-in-trace', async () => {
    const batch = xrayBatch(
      xrayDocumentsFromText(fixture('xray-api-gettingdata.block07.json')).documents,
      'doc',
    );
    const { results } = await observe(batch);
    expect(results.map((r) => (r.kind === 'trace-skipped' ? r.reason : r.kind))).to.deep.equal([
      'resource-not-in-trace',
      'resource-not-in-trace',
      'observations',
    ]);
  });

  it('reads the X-Ray daemon UDP form (Go SDK ddbSample): fault with cause -> failed', async () => {
    const docs = xrayDocumentsFromText(fixture('ddbSample.txt'));
    expect(docs.documents).to.have.length(1);
    const batch = xrayBatch(docs.documents, 'ddb', '123456789012');
    expect(batch.calls.map((c) => [c.call.operation, c.call.errorCode ?? null])).to.deep.equal([
      ['DescribeTable', null],
      ['PutItem', 'dynamodb.ResourceNotFoundException'],
    ]);
    const { results } = await observe(batch);
    expect(observations(results)).to.deep.equal([
      {
        action: 'dynamodb:DescribeTable',
        resources: ['arn:aws:dynamodb:us-west-2:123456789012:table/xray_sample_table'],
        outcome: 'allowed',
      },
      {
        action: 'dynamodb:PutItem',
        resources: ['arn:aws:dynamodb:us-west-2:123456789012:table/does_not_exist'],
        outcome: 'failed',
      },
    ]);
  });

  it('skips a call with no region anywhere (docs subsegment without trace context)', async () => {
    const batch = xrayBatch(
      xrayDocumentsFromText(fixture('xray-api-segmentdocuments.block08.json')).documents,
      'f',
      '123456789012',
    );
    expect(batch.calls).to.have.length(1);
    const { results } = await observe(batch);
    expect(results[0]).to.include({ kind: 'trace-skipped', reason: 'no-region' });
  });

  it('counts a segment with no AWS call as no-aws-call', () => {
    const batch = xrayBatch(
      xrayDocumentsFromText(fixture('xray-api-segmentdocuments.block01.json')).documents,
      'f',
    );
    expect(batch.skips.map((s) => s.reason)).to.deep.equal(['no-aws-call']);
  });

  it('403 / AccessDenied -> denied, throttled or 5xx -> unknown (proves no permission)', async () => {
    const doc = segment({
      subsegments: [
        sdk(
          'DynamoDB',
          { operation: 'GetItem', table_name: 'orders' },
          { http: { response: { status: 403 } }, error: true },
        ),
        sdk(
          'SQS',
          {
            operation: 'SendMessage',
            queue_url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-events',
          },
          {
            fault: true,
            cause: { exceptions: [{ id: 'e', type: 'AccessDeniedException' }] },
          },
        ),
        sdk(
          'SNS',
          { operation: 'Publish', topic_arn: 'arn:aws:sns:eu-west-1:123456789012:receipt-ready' },
          { throttle: true, http: { response: { status: 400 } } },
        ),
        sdk(
          'S3',
          { operation: 'GetObject', bucket_name: 'acme-receipts', key: 'a.pdf' },
          { fault: true, http: { response: { status: 500 } } },
        ),
      ],
    });
    const { results } = await observe(xrayBatch([doc], 'f'));
    expect(observations(results).map((o) => `${o.action} ${o.outcome}`)).to.deep.equal([
      'dynamodb:GetItem denied',
      'sqs:SendMessage denied',
      'sns:Publish unknown',
      's3:GetObject unknown',
    ]);
  });

  it('batch calls give one resource per table; a qualifier scopes the function ARN', async () => {
    const doc = segment({
      subsegments: [
        sdk('DynamoDB', { operation: 'BatchWriteItem', table_names: ['orders', 'audit'] }),
        sdk('Lambda', { operation: 'Invoke', function_name: 'receipt-worker', qualifier: 'live' }),
        sdk('S3', { operation: 'ListObjectsV2', bucket_name: 'acme-receipts' }),
      ],
    });
    const { results } = await observe(xrayBatch([doc], 'f'));
    expect(observations(results).map((o) => `${o.action} ${JSON.stringify(o.resources)}`)).to.deep.equal([
      'dynamodb:BatchWriteItem ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]',
      'dynamodb:BatchWriteItem ["arn:aws:dynamodb:eu-west-1:123456789012:table/audit"]',
      'lambda:InvokeFunction ["arn:aws:lambda:eu-west-1:123456789012:function:receipt-worker:live"]',
      's3:ListBucket ["arn:aws:s3:::acme-receipts"]',
    ]);
  });

  it("links subsegment documents sent on their own to their trace's function (JSON Lines, daemon headers)", () => {
    const sub = {
      ...sdk('DynamoDB', { operation: 'GetItem', table_name: 'orders' }),
      type: 'subsegment',
      parent_id: 'aaaaaaaaaaaaaaaa',
      trace_id: segment({}).trace_id,
    };
    const text = [
      '{"format":"json","version":1}',
      JSON.stringify(sub),
      '{"format":"json","version":1}',
      JSON.stringify(segment({})),
    ].join('\n');
    const docs = xrayDocumentsFromText(text);
    expect(docs.documents).to.have.length(2);
    const batch = xrayBatch(docs.documents, 'f');
    expect(batch.calls.map((c) => c.subject?.name)).to.deep.equal(['orders-api']);
  });

  it('walks deep nesting without recursion and stops at the depth limit', () => {
    let node: Record<string, unknown> = sdk('DynamoDB', { operation: 'GetItem', table_name: 'deep' });
    for (let i = 0; i < MAX_DEPTH + 10; i++) node = { id: `n${i}`, name: `n${i}`, subsegments: [node] };
    const shallow = segment({
      subsegments: [sdk('DynamoDB', { operation: 'GetItem', table_name: 'orders' }), node],
    });
    const result = xraySegmentCalls(shallow, {});
    expect(
      result.kind === 'calls' ? result.calls.map((c) => c.paramSets[0]!['tableName']) : result,
    ).to.deep.equal(['orders']);
  });

  it('reports entries that are not segments without dropping the rest', () => {
    const docs = xrayDocumentsFromText(
      JSON.stringify({
        Traces: [{ Segments: [{ Document: '{bad' }, { Document: JSON.stringify(segment({})) }] }],
      }),
    );
    expect(docs.documents).to.have.length(1);
    expect(docs.bad).to.have.length(1);
    expect(xrayDocumentsFromText('not json\nat all').problem).to.be.a('string');
  });
});
