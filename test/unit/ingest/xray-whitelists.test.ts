import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { mapOperation, prefixForSdkService } from '../../../src/catalog/event-mapping.ts';
import { observeSdkCall } from '../../../src/ingest/trace-call.ts';
import { xrayParamSets } from '../../../src/ingest/trace-params.ts';
import { realCatalog } from '../../support/catalog.ts';

const ROOT = new URL('../../fixtures/xray-sdk-param-whitelists/', import.meta.url);
const WHITELISTS = {
  node: 'aws-xray-sdk-node/packages/core/lib/resources/aws_whitelist.json',
  python: 'aws-xray-sdk-python/aws_xray_sdk/ext/resources/aws_para_whitelist.json',
  go: 'aws-xray-sdk-go/resources/AWSWhitelist.json',
} as const;

// Client-side only: boto3's generate_presigned_url signs a URL and sends no request.
const NO_REQUEST = new Set(['s3:GeneratePresignedUrl']);

interface WhitelistOp {
  service: string;
  operation: string;
  /** Request parameter names as the SDK writes them into the segment (snake_case, renamed). */
  recorded: string[];
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function operations(path: string): WhitelistOp[] {
  type Op = { request_parameters?: string[]; request_descriptors?: Record<string, { rename_to?: string }> };
  const data = JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as {
    services: Record<string, { operations: Record<string, Op> }>;
  };
  return Object.entries(data.services).flatMap(([service, { operations }]) =>
    Object.entries(operations).map(([op, spec]) => ({
      service,
      operation: op.charAt(0).toUpperCase() + op.slice(1),
      recorded: [
        ...(spec.request_parameters ?? []).map(snake),
        ...Object.entries(spec.request_descriptors ?? {}).map(([k, d]) => d.rename_to ?? snake(k)),
      ],
    })),
  );
}

// What a real call would carry in each recorded parameter (the sample account's names).
const SAMPLE: Record<string, unknown> = {
  table_name: 'orders',
  table_names: ['orders', 'audit'],
  index_name: 'by-customer',
  queue_url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-events',
  queue_name: 'order-events',
  topic_arn: 'arn:aws:sns:eu-west-1:123456789012:receipt-ready',
  function_name: 'orders-api',
  qualifier: 'live',
  bucket_name: 'acme-receipts',
  key: 'receipts/2026/r-1.pdf',
  copy_source: 'acme-receipts/receipts/2026/r-0.pdf',
  endpoint_name: 'scorer',
};

export async function coverage(path: string) {
  const ops = operations(path);
  const catalog = await realCatalog(...new Set(ops.map((o) => prefixForSdkService(o.service)!)));
  const outcome = new Map<string, string[]>();
  for (const op of ops) {
    const aws = Object.fromEntries(op.recorded.filter((r) => r in SAMPLE).map((r) => [r, SAMPLE[r]]));
    const result = observeSdkCall(
      {
        service: op.service,
        operation: op.operation,
        paramSets: xrayParamSets({ operation: op.operation, ...aws }),
        region: 'eu-west-1',
        account: '123456789012',
        time: '2026-11-20T10:00:00.000Z',
        origin: {},
        source: 'xray',
      },
      catalog,
      {},
    );
    const kind =
      result.kind === 'observations'
        ? result.observations.every((o) => o.resources !== '*')
          ? 'arn-scoped'
          : 'wildcard-only'
        : result.kind === 'trace-skipped'
          ? 'resource-not-in-trace'
          : result.kind;
    outcome.set(kind, [...(outcome.get(kind) ?? []), `${op.service}:${op.operation}`]);
  }
  return outcome;
}

describe('X-Ray SDK parameter whitelists', () => {
  for (const [sdk, path] of Object.entries(WHITELISTS)) {
    it(`${sdk}: every operation maps to an IAM action`, async () => {
      const ops = operations(path);
      const catalog = await realCatalog(...new Set(ops.map((o) => prefixForSdkService(o.service)!)));
      const failures = ops.flatMap(({ service, operation }) => {
        const prefix = prefixForSdkService(service)!;
        const mapping = mapOperation(catalog, prefix, operation, {});
        if (mapping.kind === 'mapped') return [];
        if (mapping.kind === 'permissionless' && NO_REQUEST.has(`${prefix}:${operation}`)) return [];
        return [`${service} ${operation} -> ${prefix}: ${mapping.kind}`];
      });
      expect(failures).to.deep.equal([]);
      expect(ops.length).to.be.greaterThan(40);
    });
  }

  it('node: the recorded parameters build ARN-scoped resources for every data-plane call', async () => {
    const outcome = await coverage(WHITELISTS.node);
    const scoped = outcome.get('arn-scoped') ?? [];
    for (const op of [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'sqs:SendMessage',
      'sqs:SendMessageBatch',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sns:Publish',
      'lambda:Invoke',
      's3:GetObject',
      's3:PutObject',
      's3:HeadObject',
      's3:DeleteObject',
      's3:CopyObject',
      's3:ListObjectsV2',
      'sagemakerruntime:InvokeEndpoint',
    ])
      expect(scoped, op).to.include(op);
    // Only calls that name no resource at all may fall back: ListTables, ListQueues, ListBuckets.
    expect(outcome.get('unmapped') ?? []).to.deep.equal([]);
    // DeleteObjects: the whitelist records the bucket, not the keys; the call is counted, never widened.
    expect(outcome.get('resource-not-in-trace') ?? []).to.deep.equal(['s3:DeleteObjects']);
  });
});
