import { expect } from 'chai';
import { ingestGroupedRows } from '../../../src/app/ingest-grouped.ts';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { cloudTrailLakeEngine } from '../../../src/aws/cloudtrail-lake.ts';
import { AwsError } from '../../../src/errors.ts';
import { lakeQuery, readLakeGrouped, type LakeReadOptions } from '../../../src/sources/cloudtrail-lake.ts';
import { localClients } from '../../support/local-aws.ts';
import { expectGolden } from '../../support/local-golden.ts';
import { GROUPED_ROWS, groupedDeps, instantClock } from '../../support/local-grouped.ts';
import {
  jsonError,
  startJsonService,
  type JsonHandler,
  type LocalJsonService,
} from '../../support/local-json-service.ts';

const EDS = 'arn:aws:cloudtrail:eu-west-1:123456789012:eventdatastore/0a1b2c3d-1111-2222-3333-444455556666';

const lakeRows = (rows: Record<string, string>[]) =>
  rows.map((row) => Object.entries(row).map(([k, v]) => ({ [k]: v })));

function options(extra: Partial<LakeReadOptions> = {}): LakeReadOptions {
  return {
    eventDataStore: EDS,
    since: '2026-11-20T00:00:00.000Z',
    until: '2026-11-27T00:00:00.000Z',
    roles: ['arn:aws:iam::123456789012:role/orders-api-role', "o'brien-role"],
    accounts: ['123456789012'],
    regions: ['eu-west-1'],
    clock: instantClock(),
    ...extra,
  };
}

describe('CloudTrail Lake: one grouped query, results paged into the fact store', () => {
  let service: LocalJsonService;
  let clients: AwsClients;
  const start = async (handler: JsonHandler) => {
    service = await startJsonService(handler);
    clients = localClients(service.endpoint);
  };
  afterEach(async () => {
    clients?.close();
    await service?.close();
  });

  it('generates the golden SQL (identifiers and literals quoted)', async () => {
    await expectGolden('sql/cloudtrail-lake.sql', lakeQuery(options()));
  });

  it('starts the query, polls DescribeQuery until FINISHED, pages GetQueryResults, and stores counted facts', async () => {
    let polls = 0;
    await start((r) => {
      if (r.operation === 'StartQuery') return { body: { QueryId: 'q-1' } };
      if (r.operation === 'DescribeQuery')
        return { body: { QueryId: 'q-1', QueryStatus: ++polls < 3 ? 'RUNNING' : 'FINISHED' } };
      if (r.body['NextToken'] === undefined)
        return {
          body: {
            QueryStatus: 'FINISHED',
            QueryResultRows: lakeRows(GROUPED_ROWS.slice(0, 1)),
            NextToken: 'p2',
          },
        };
      return { body: { QueryStatus: 'FINISHED', QueryResultRows: lakeRows(GROUPED_ROWS.slice(1)) } };
    });
    const deps = await groupedDeps();
    const clock = instantClock();
    await ingestGroupedRows(readLakeGrouped(cloudTrailLakeEngine(clients, EDS), options({ clock })), deps);
    expect(service.requests.map((r) => r.operation)).to.deep.equal([
      'StartQuery',
      'DescribeQuery',
      'DescribeQuery',
      'DescribeQuery',
      'GetQueryResults',
      'GetQueryResults',
    ]);
    expect(service.requests[0]!.body['QueryStatement']).to.equal(lakeQuery(options()));
    expect(clock.slept).to.deep.equal([500, 1000]);
    const facts = deps.store.facts().map((f) => [f.action, f.resources, f.count, f.firstSeen, f.lastSeen]);
    expect(facts).to.deep.include([
      'dynamodb:GetItem',
      ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders'],
      42,
      '2026-11-20T10:00:00.000Z',
      '2026-11-21T09:00:00.000Z',
    ]);
    expect(facts).to.deep.include([
      's3:GetObject',
      ['arn:aws:s3:::invoices/2026/inv-1.pdf'],
      3,
      '2026-11-20T11:00:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ]);
    expect(deps.tally.toReport()).to.include({ files: 2, records: 2, used: 2 });
  });

  it('reads Lake timestamps ("2026-11-20 10:00:00.000") as UTC', async () => {
    const row = {
      ...GROUPED_ROWS[0]!,
      first_seen: '2026-11-20 10:00:00.000',
      last_seen: '2026-11-20 11:00:00.000',
    };
    await start((r) =>
      r.operation === 'StartQuery'
        ? { body: { QueryId: 'q' } }
        : r.operation === 'DescribeQuery'
          ? { body: { QueryStatus: 'FINISHED' } }
          : { body: { QueryResultRows: lakeRows([row]) } },
    );
    const deps = await groupedDeps();
    await ingestGroupedRows(readLakeGrouped(cloudTrailLakeEngine(clients, EDS), options()), deps);
    expect(deps.store.facts()[0]).to.include({
      firstSeen: '2026-11-20T10:00:00.000Z',
      lastSeen: '2026-11-20T11:00:00.000Z',
    });
  });

  it('reports a failed query with its reason', async () => {
    await start((r) =>
      r.operation === 'StartQuery'
        ? { body: { QueryId: 'q' } }
        : { body: { QueryStatus: 'FAILED', ErrorMessage: 'bad column' } },
    );
    const error = await ingestGroupedRows(
      readLakeGrouped(cloudTrailLakeEngine(clients, EDS), options()),
      await groupedDeps(),
    ).catch((e: unknown) => e);
    expect(error)
      .to.be.instanceOf(AwsError)
      .with.property('message', 'CloudTrail Lake query q did not finish: FAILED: bad column');
  });

  it('says to grant cloudtrail:StartQuery on the event data store when refused', async () => {
    await start(() => jsonError('AccessDeniedException', 'not authorized'));
    const error = await ingestGroupedRows(
      readLakeGrouped(cloudTrailLakeEngine(clients, EDS), options()),
      await groupedDeps(),
    ).catch((e: unknown) => e);
    expect((error as Error).message).to.include(`grant cloudtrail:StartQuery on ${EDS}`);
  });
});
