import { expect } from 'chai';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { lookupEventsApi } from '../../../src/aws/cloudtrail-lookup.ts';
import type { Clock } from '../../../src/aws/rate-limit.ts';
import { AwsError, UsageError } from '../../../src/errors.ts';
import type { FileBatch } from '../../../src/sources/cloudtrail-files.ts';
import {
  lookupWindow,
  readLookupEvents,
  type LookupOptions,
} from '../../../src/sources/cloudtrail-lookup.ts';
import { localClients } from '../../support/local-aws.ts';
import {
  jsonError,
  startJsonService,
  type JsonHandler,
  type LocalJsonService,
} from '../../support/local-json-service.ts';
import { cloudTrailRecord } from '../../support/records.ts';

const NOW = new Date('2026-11-25T00:00:00Z');

/** A fake clock: sleeping advances time instantly and is recorded. */
function fakeClock(): Clock & { slept: number[]; at: number } {
  const clock = {
    at: NOW.getTime(),
    slept: [] as number[],
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.at += ms;
    },
  };
  return clock;
}

function page(n: number, next?: string) {
  const events = Array.from({ length: n }, (_, i) => ({
    EventId: `e${i}`,
    CloudTrailEvent: JSON.stringify(cloudTrailRecord({ eventID: `e${i}` })),
  }));
  return { body: { Events: events, ...(next ? { NextToken: next } : {}) } };
}

async function collect(batches: AsyncIterable<FileBatch>): Promise<FileBatch[]> {
  const out: FileBatch[] = [];
  for await (const b of batches) out.push(b);
  return out;
}

describe('readLookupEvents: CloudTrail LookupEvents over the JSON 1.1 protocol', () => {
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
  const options = (extra: Partial<LookupOptions> = {}): LookupOptions => ({
    regions: [],
    since: '2026-11-20T00:00:00.000Z',
    until: '2026-11-21T00:00:00.000Z',
    now: NOW,
    clock: fakeClock(),
    ...extra,
  });

  it('pages with NextToken (50 per page), one batch per page, narrowed by a lookup attribute', async () => {
    await start((r) =>
      r.body['NextToken'] === undefined
        ? page(50, 't2')
        : r.body['NextToken'] === 't2'
          ? page(50, 't3')
          : page(7),
    );
    const batches = await collect(
      readLookupEvents(
        lookupEventsApi(clients),
        options({ attribute: { key: 'Username', value: 'orders-api' } }),
      ),
    );
    expect(batches.map((b) => b.file)).to.deep.equal([
      'cloudtrail:LookupEvents:eu-west-1:page1',
      'cloudtrail:LookupEvents:eu-west-1:page2',
      'cloudtrail:LookupEvents:eu-west-1:page3',
    ]);
    expect(batches.map((b) => (b.kind === 'file' ? b.records.length : -1))).to.deep.equal([50, 50, 7]);
    const first = service.requests[0]!;
    expect(first.target).to.match(/CloudTrail_20131101\.LookupEvents$/);
    expect(first.contentType).to.equal('application/x-amz-json-1.1');
    expect(first.body).to.include({ MaxResults: 50 });
    expect(first.body['LookupAttributes']).to.deep.equal([
      { AttributeKey: 'Username', AttributeValue: 'orders-api' },
    ]);
    expect(service.requests.map((r) => r.body['NextToken'])).to.deep.equal([undefined, 't2', 't3']);
  });

  it('keeps to 2 requests per second per region (token bucket on an injected clock)', async () => {
    await start((r) =>
      r.body['NextToken'] === undefined ? page(1, 'a') : r.body['NextToken'] === 'a' ? page(1, 'b') : page(1),
    );
    const clock = fakeClock();
    await collect(
      readLookupEvents(lookupEventsApi(clients), options({ clock, regions: ['eu-west-1', 'us-east-1'] })),
    );
    expect(service.requests).to.have.length(6);
    // First request of each region is free; the next two each wait half a second.
    expect(clock.slept).to.deep.equal([500, 500, 500, 500]);
  });

  it('retries a throttled reply (400 ThrottlingException) and goes on', async () => {
    let calls = 0;
    await start(() => (++calls === 1 ? jsonError('ThrottlingException', 'Rate exceeded') : page(3)));
    const batches = await collect(readLookupEvents(lookupEventsApi(clients), options()));
    expect(calls).to.equal(2);
    expect(batches).to.have.length(1);
  });

  it('turns AccessDenied into an AwsError that says to grant cloudtrail:LookupEvents', async () => {
    await start(() =>
      jsonError('AccessDeniedException', 'User is not authorized to perform: cloudtrail:LookupEvents'),
    );
    const error = await collect(readLookupEvents(lookupEventsApi(clients), options())).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(AwsError);
    expect((error as Error).message).to.match(/CloudTrail LookupEvents in eu-west-1 was refused/);
    expect((error as Error).message).to.include('grant cloudtrail:LookupEvents on *');
  });

  it('warns that it sees management events only, and about a clipped window', async () => {
    await start(() => page(0));
    const warnings: string[] = [];
    await collect(
      readLookupEvents(
        lookupEventsApi(clients),
        options({ since: '2026-01-01T00:00:00.000Z', onWarning: (w) => warnings.push(w) }),
      ),
    );
    expect(warnings[0]).to.match(/management events only/);
    expect(warnings[1]).to.match(/--since 2026-01-01T00:00:00.000Z clipped to 2026-08-27T00:00:00.000Z/);
    expect(service.requests[0]!.body['StartTime']).to.equal(Date.parse('2026-08-27T00:00:00.000Z') / 1000);
  });
});

describe('lookupWindow', () => {
  it('defaults to the last 90 days', () => {
    expect(lookupWindow(undefined, undefined, NOW)).to.deep.equal({
      since: '2026-08-27T00:00:00.000Z',
      until: NOW.toISOString(),
      warnings: [],
    });
  });

  it('refuses a window wholly older than 90 days', () => {
    expect(() => lookupWindow('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', NOW)).to.throw(
      UsageError,
      /90 days/,
    );
  });
});

describe('readLookupEvents: malformed AWS responses', () => {
  let service: LocalJsonService;
  let clients: AwsClients;
  const lookupOptions = (): LookupOptions => ({
    since: '2026-11-20T00:00:00Z',
    until: '2026-11-21T00:00:00Z',
    regions: ['eu-west-1'],
    now: NOW,
    clock: fakeClock(),
  });
  afterEach(async () => {
    clients?.close();
    await service?.close();
  });

  it('a page of the wrong shape is an error that names the API, not a crash', async () => {
    service = await startJsonService(() => ({ body: { Events: 'not a list', NextToken: 42 } }));
    clients = localClients(service.endpoint);
    let caught: unknown;
    try {
      await collect(readLookupEvents(lookupEventsApi(clients), lookupOptions()));
    } catch (error) {
      caught = error;
    }
    expect(caught, 'a malformed page must fail the run').to.be.instanceOf(AwsError);
    expect((caught as Error).message).to.match(/CloudTrail LookupEvents/);
  });

  it('events of the wrong type inside a page are counted as bad records, the others kept', async () => {
    service = await startJsonService(() => ({
      body: {
        Events: [
          { EventId: 'a', CloudTrailEvent: JSON.stringify(cloudTrailRecord()) },
          { EventId: 'b', CloudTrailEvent: '{broken' },
        ],
      },
    }));
    clients = localClients(service.endpoint);
    const [batch] = await collect(readLookupEvents(lookupEventsApi(clients), lookupOptions()));
    expect(batch?.kind === 'file' && batch.records).to.have.length(1);
    expect(batch?.kind === 'file' && batch.rejected).to.deep.equal([
      { index: 1, reason: 'malformed', detail: 'CloudTrailEvent is not valid JSON' },
    ]);
  });
});
