import type { Catalog } from '../../src/catalog/catalog.ts';
import { FactStore } from '../../src/facts/fact-store.ts';
import { NO_FILTER } from '../../src/ingest/record-result.ts';
import { IngestTally } from '../../src/ingest/tally.ts';
import type { Clock } from '../../src/aws/rate-limit.ts';
import type { IngestDeps } from '../../src/app/ingest-cloudtrail.ts';
import { realCatalog } from './catalog.ts';

/** Ingest dependencies over the real catalog, an empty store and tally. */
export async function groupedDeps(): Promise<
  IngestDeps & { catalog: Catalog; store: FactStore; tally: IngestTally }
> {
  return {
    catalog: await realCatalog(),
    store: new FactStore(),
    tally: new IngestTally(),
    filter: NO_FILTER,
  };
}

/** A clock whose sleeps return at once (and are recorded). */
export function instantClock(): Clock & { slept: number[] } {
  let at = Date.parse('2026-11-25T00:00:00Z');
  const slept: number[] = [];
  return {
    slept,
    now: () => at,
    sleep: async (ms) => {
      slept.push(ms);
      at += ms;
    },
  };
}

/** Grouped rows as the query returns them: a DynamoDB read and an S3 object read. */
export const GROUPED_ROWS: Record<string, string>[] = [
  {
    role_arn: 'arn:aws:iam::123456789012:role/orders-api-role',
    event_source: 'dynamodb.amazonaws.com',
    event_name: 'GetItem',
    aws_region: 'eu-west-1',
    account_id: '123456789012',
    rp_tablename: 'orders',
    calls: '42',
    first_seen: '2026-11-20T10:00:00Z',
    last_seen: '2026-11-21T09:00:00Z',
  },
  {
    role_arn: 'arn:aws:iam::123456789012:role/orders-api-role',
    event_source: 's3.amazonaws.com',
    event_name: 'GetObject',
    aws_region: 'eu-west-1',
    account_id: '123456789012',
    rp_bucketname: 'invoices',
    rp_key: '2026/inv-1.pdf',
    resource_arns: 'arn:aws:s3:::invoices/2026/inv-1.pdf',
    calls: '3',
    first_seen: '2026-11-20T11:00:00Z',
    last_seen: '2026-11-20T12:00:00Z',
  },
];
