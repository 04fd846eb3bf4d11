import { expect } from 'chai';
import { ingestGroupedRows } from '../../../src/app/ingest-grouped.ts';
import { athenaEngine } from '../../../src/aws/athena.ts';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { UsageError } from '../../../src/errors.ts';
import { athenaQuery, readAthenaGrouped, type AthenaReadOptions } from '../../../src/sources/athena.ts';
import { localClients } from '../../support/local-aws.ts';
import { expectGolden } from '../../support/local-golden.ts';
import { GROUPED_ROWS, groupedDeps, instantClock } from '../../support/local-grouped.ts';
import {
  jsonError,
  startJsonService,
  type JsonHandler,
  type LocalJsonService,
} from '../../support/local-json-service.ts';

const TARGET = { outputLocation: 's3://athena-results/tightrole/', workgroup: 'security', database: 'audit' };
const COLUMNS = [...new Set(GROUPED_ROWS.flatMap((r) => Object.keys(r)))].sort();

function resultSet(rows: Record<string, string>[], header: boolean) {
  const asRow = (values: (string | undefined)[]) => ({
    Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })),
  });
  return {
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: COLUMNS.map((Name) => ({ Name, Type: 'varchar' })) },
      Rows: [...(header ? [asRow(COLUMNS)] : []), ...rows.map((r) => asRow(COLUMNS.map((c) => r[c])))],
    },
  };
}

function options(extra: Partial<AthenaReadOptions> = {}): AthenaReadOptions {
  return {
    table: 'audit.cloudtrail_logs',
    partitions: { timestamp: 'timestamp', region: 'region', account: 'account' },
    since: '2026-11-20T00:00:00.000Z',
    until: '2026-11-27T00:00:00.000Z',
    roles: ['orders-api-role'],
    accounts: ['123456789012'],
    regions: ['eu-west-1', 'us-east-1'],
    clock: instantClock(),
    ...extra,
  };
}

describe('Athena: one grouped query over the CloudTrail table, results paged into the fact store', () => {
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

  it('generates the golden SQL, with partition projection columns', async () => {
    await expectGolden('sql/athena.sql', athenaQuery(options()));
  });

  it('refuses a table name that is not an identifier, and quotes hostile values', () => {
    expect(() => athenaQuery(options({ table: 'logs"; DROP TABLE x; --' }))).to.throw(UsageError);
    expect(athenaQuery(options({ roles: ["x') OR 1=1 --"] }))).to.include("IN ('x'') or 1=1 --')");
  });

  it('starts, polls GetQueryExecution, pages GetQueryResults (header row dropped), survives a throttle', async () => {
    let polls = 0;
    let throttled = false;
    await start((r) => {
      if (r.operation === 'StartQueryExecution') return { body: { QueryExecutionId: 'qe-1' } };
      if (r.operation === 'GetQueryExecution')
        return { body: { QueryExecution: { Status: { State: ++polls < 2 ? 'RUNNING' : 'SUCCEEDED' } } } };
      if (r.body['NextToken'] === undefined)
        return { body: { ...resultSet(GROUPED_ROWS.slice(0, 1), true), NextToken: 'p2' } };
      if (!throttled) {
        throttled = true;
        return jsonError('TooManyRequestsException', 'Rate exceeded');
      }
      return { body: resultSet(GROUPED_ROWS.slice(1), false) };
    });
    const deps = await groupedDeps();
    await ingestGroupedRows(readAthenaGrouped(athenaEngine(clients, TARGET), options()), deps);
    const ops = service.requests.map((r) => r.operation);
    expect(ops).to.deep.equal([
      'StartQueryExecution',
      'GetQueryExecution',
      'GetQueryExecution',
      'GetQueryResults',
      'GetQueryResults',
      'GetQueryResults',
    ]);
    expect(service.requests[0]!.target).to.equal('AmazonAthena.StartQueryExecution');
    expect(service.requests[0]!.body).to.deep.include({
      QueryString: athenaQuery(options()),
      WorkGroup: 'security',
      QueryExecutionContext: { Database: 'audit' },
      ResultConfiguration: { OutputLocation: 's3://athena-results/tightrole/' },
    });
    const facts = deps.store.facts().map((f) => [f.action, f.count]);
    expect(facts).to.deep.equal([
      ['dynamodb:GetItem', 42],
      ['s3:GetObject', 3],
    ]);
    expect(deps.tally.toReport()).to.include({ records: 2, used: 2 });
  });

  it('says to grant athena:StartQueryExecution on the work group when refused', async () => {
    await start(() => jsonError('AccessDeniedException', 'not authorized'));
    const error = await ingestGroupedRows(
      readAthenaGrouped(athenaEngine(clients, TARGET), options()),
      await groupedDeps(),
    ).catch((e: unknown) => e);
    expect((error as Error).message).to.match(/^Athena StartQueryExecution in eu-west-1 was refused/);
    expect((error as Error).message).to.include(
      'grant athena:StartQueryExecution on arn:aws:athena:*:*:workgroup/security',
    );
  });
});
