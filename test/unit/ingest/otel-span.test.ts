import { expect } from 'chai';
import { observeSdkCall } from '../../../src/ingest/trace-call.ts';
import { otelExportsFromText } from '../../../src/ingest/otel-documents.ts';
import { batchPrefixes, otelBatch } from '../../../src/ingest/trace-feed.ts';
import { realCatalog } from '../../support/catalog.ts';

type Attr = { key: string; value: Record<string, unknown> };
const s = (key: string, value: string): Attr => ({ key, value: { stringValue: value } });
const arr = (key: string, values: string[]): Attr => ({
  key,
  value: { arrayValue: { values: values.map((v) => ({ stringValue: v })) } },
});
const int = (key: string, value: number): Attr => ({ key, value: { intValue: String(value) } });

let spanId = 0;
function span(service: string, method: string, attrs: Attr[], extra: Record<string, unknown> = {}) {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: `b7ad6b71692033${String(++spanId).padStart(2, '0')}`,
    name: `${service}.${method}`,
    kind: 3,
    startTimeUnixNano: '1795000000500000000',
    endTimeUnixNano: '1795000000600000000',
    attributes: [
      s('rpc.system', 'aws-api'),
      s('rpc.service', service),
      s('rpc.method', method),
      s('cloud.region', 'eu-west-1'),
      ...attrs,
    ],
    status: {},
    ...extra,
  };
}

function exportOf(
  spans: unknown[],
  resource: Attr[] = [
    s('faas.name', 'receipt-worker'),
    s('cloud.account.id', '123456789012'),
    s('cloud.region', 'eu-west-1'),
  ],
) {
  return {
    resourceSpans: [
      {
        resource: { attributes: resource },
        scopeSpans: [{ scope: { name: '@opentelemetry/instrumentation-aws-sdk' }, spans }],
      },
    ],
  };
}

async function observed(value: unknown) {
  const batch = otelBatch([value], 'otel.json');
  const catalog = await realCatalog(...batchPrefixes(batch));
  return {
    batch,
    results: batch.calls.map((c) => observeSdkCall(c.call, catalog, {})),
  };
}

const summary = (results: Awaited<ReturnType<typeof observed>>['results']) =>
  results.flatMap((r) =>
    r.kind === 'observations'
      ? r.observations.map((o) => `${o.action} ${o.outcome} ${JSON.stringify(o.resources)} ${o.source}`)
      : [r.kind === 'trace-skipped' ? `${r.kind}:${r.reason}` : r.kind],
  );

describe('OTel spans (OTLP JSON) -> observations', () => {
  it('maps aws-api spans with their aws.* attributes to ARN-scoped observations', async () => {
    const value = exportOf([
      span('DynamoDB', 'GetItem', [arr('aws.dynamodb.table_names', ['orders'])]),
      span('S3', 'PutObject', [
        s('aws.s3.bucket', 'acme-receipts'),
        s('aws.s3.key', 'receipts/2026/11/20/r-1.pdf'),
      ]),
      span('SQS', 'DeleteMessage', [
        s('url.full', 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-events'),
        s('messaging.destination.name', 'order-events'),
      ]),
      span('SNS', 'Publish', [s('aws.sns.topic.arn', 'arn:aws:sns:eu-west-1:123456789012:receipt-ready')]),
      span('SecretsManager', 'GetSecretValue', [
        s(
          'aws.secretsmanager.secret.arn',
          'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/reporting/db-AbCdEf',
        ),
      ]),
      span('DynamoDB', 'BatchGetItem', [arr('aws.dynamodb.table_names', ['orders', 'audit'])]),
    ]);
    const { batch, results } = await observed(value);
    expect(batch.calls[0]!.subject).to.deep.equal({
      name: 'receipt-worker',
      account: '123456789012',
      region: 'eu-west-1',
    });
    expect(summary(results)).to.deep.equal([
      'dynamodb:GetItem allowed ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"] otel',
      's3:PutObject allowed ["arn:aws:s3:::acme-receipts/receipts/2026/11/20/r-1.pdf"] otel',
      'sqs:DeleteMessage allowed ["arn:aws:sqs:eu-west-1:123456789012:order-events"] otel',
      'sns:Publish allowed ["arn:aws:sns:eu-west-1:123456789012:receipt-ready"] otel',
      'secretsmanager:GetSecretValue allowed ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/reporting/db-AbCdEf"] otel',
      'dynamodb:BatchGetItem allowed ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"] otel',
      'dynamodb:BatchGetItem allowed ["arn:aws:dynamodb:eu-west-1:123456789012:table/audit"] otel',
    ]);
  });

  it('ERROR status with HTTP 403 -> denied; with an exception event -> its type decides', async () => {
    const value = exportOf([
      span(
        'DynamoDB',
        'Scan',
        [arr('aws.dynamodb.table_names', ['orders']), int('http.response.status_code', 403)],
        { status: { code: 2 } },
      ),
      span('DynamoDB', 'PutItem', [arr('aws.dynamodb.table_names', ['orders'])], {
        status: { code: 2, message: 'ConditionalCheckFailed' },
        events: [{ name: 'exception', attributes: [s('exception.type', 'ConditionalCheckFailedException')] }],
      }),
    ]);
    expect(summary((await observed(value)).results)).to.deep.equal([
      'dynamodb:Scan denied ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"] otel',
      'dynamodb:PutItem failed ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"] otel',
    ]);
  });

  it('takes the function from cloud.resource_id, counts non-AWS spans, accepts rpc.system.name', async () => {
    const value = exportOf(
      [
        {
          ...span('KMS', 'GenerateDataKey', []),
          attributes: [
            s('rpc.system.name', 'aws-api'),
            s('rpc.service', 'KMS'),
            s('rpc.method', 'GenerateDataKey'),
            s('cloud.region', 'eu-west-1'),
          ],
        },
        {
          spanId: 'x',
          name: 'GET /orders',
          startTimeUnixNano: '1795000000500000000',
          attributes: [s('http.request.method', 'GET')],
        },
      ],
      [
        s('cloud.resource_id', 'arn:aws:lambda:eu-west-1:123456789012:function:receipt-worker:live'),
        s('service.name', 'receipt-worker'),
      ],
    );
    const { batch, results } = await observed(value);
    expect(batch.calls[0]!.subject).to.deep.include({
      name: 'receipt-worker',
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:receipt-worker',
    });
    expect(batch.skips).to.deep.equal([
      { reason: 'no-aws-call', example: 'otel.json#0: span is not an AWS SDK call', count: 1 },
    ]);
    // KMS spans carry no key: the call is counted, not widened to "*".
    expect(summary(results)).to.deep.equal(['trace-skipped:resource-not-in-trace']);
  });

  it('reads the collector file exporter form (one export per line)', () => {
    const line = JSON.stringify(exportOf([span('SNS', 'Publish', [])]));
    const docs = otelExportsFromText(`${line}\n${line}\n{"not":"otlp"}\n`);
    expect(docs.documents).to.have.length(2);
    expect(docs.bad).to.deep.equal([{ index: 2, reason: 'not an OTLP export (no resourceSpans)' }]);
  });
});
