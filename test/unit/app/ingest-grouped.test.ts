import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ingestGroupedRows } from '../../../src/app/ingest-grouped.ts';
import { premaskNormalizer } from '../../../src/app/premask.ts';
import type { RowPage } from '../../../src/sources/grouped-query-run.ts';
import { groupedDeps } from '../../support/local-grouped.ts';

/** Athena/Lake-shaped rows: one S3 object read per row, each on its own per-request key. */
function uploadRows(count: number): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => {
    const key = `uploads/${randomUUID()}.json`;
    return {
      role_arn: 'arn:aws:iam::123456789012:role/orders-api-role',
      event_source: 's3.amazonaws.com',
      event_name: 'GetObject',
      aws_region: 'eu-west-1',
      account_id: '123456789012',
      rp_bucketname: 'acme-uploads',
      rp_key: key,
      resource_arns: `arn:aws:s3:::acme-uploads/${key}`,
      calls: '2',
      first_seen: `2026-11-20T10:${String(i % 60).padStart(2, '0')}:00Z`,
      last_seen: '2026-11-21T09:00:00Z',
    };
  });
}

async function* pages(rows: Record<string, string>[]): AsyncGenerator<RowPage> {
  yield { name: 'athena:query-1', rows };
}

describe('ingestGroupedRows: Athena/Lake rows pass the normalizer stage', () => {
  it('with premask on, rows on 200 distinct object keys make one masked fact (memory grows with patterns)', async () => {
    const deps = await groupedDeps();
    const normalize = premaskNormalizer(deps.catalog, 'safe');
    await ingestGroupedRows(pages(uploadRows(200)), { ...deps, normalize });
    const facts = deps.store.facts();
    expect(facts).to.have.length(1);
    const [fact] = facts;
    expect(fact!.count).to.equal(400);
    expect(fact!.resources).to.have.length(1);
    expect(fact!.resources[0]).to.not.match(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(Object.keys(fact!.masked ?? {})).to.deep.equal([fact!.resources[0]]);
    // Safe mode keeps two concrete keys, so the reducer can see the value varied.
    expect(fact!.variants?.[fact!.resources[0] as string]).to.have.length(2);
  });

  it('without premask, the same rows stay one fact per key (as diff and roles need them)', async () => {
    const deps = await groupedDeps();
    await ingestGroupedRows(pages(uploadRows(200)), deps);
    expect(deps.store.size).to.equal(200);
    expect(deps.store.facts().every((f) => f.masked === undefined)).to.equal(true);
  });
});
