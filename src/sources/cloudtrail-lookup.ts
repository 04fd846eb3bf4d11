import type { LookupAttribute, LookupEventsApi } from '../aws/cloudtrail-lookup.ts';
import { SYSTEM_CLOCK, TokenBucket, type Clock } from '../aws/rate-limit.ts';
import { UsageError } from '../errors.ts';
import type { FileBatch } from './cloudtrail-files.ts';
import { addRecord, emptyDecoded, reject, type DecodedFile } from './decode/decoded.ts';
import type { TimeWindow } from '../model/time-window.ts';

/** How far back LookupEvents sees (LookupEvents API reference). */
export const LOOKUP_RETENTION_DAYS = 90;
/** Requests per second per region the API allows (LookupEvents API reference). */
export const LOOKUP_REQUESTS_PER_SECOND = 2;

export const MANAGEMENT_EVENTS_ONLY =
  'LookupEvents sees management events only: data events (S3 object reads and writes, DynamoDB items, ' +
  'Lambda Invoke, SNS Publish) are missing; add --cloudtrail s3://... or X-Ray for them';

export interface LookupOptions extends TimeWindow {
  /** Regions to ask, each with its own rate limit. Empty: the client's default region. */
  regions: readonly string[];
  now: Date;
  /** Narrows the lookup (one attribute per request, per the API). */
  attribute?: LookupAttribute;
  /** Default: the system clock. */
  clock?: Clock;
  onWarning?: (message: string) => void;
}

/** The window LookupEvents can answer: clipped to 90 days back (with a warning), refused when wholly older. */
export function lookupWindow(since: string | undefined, until: string | undefined, now: Date) {
  const oldest = new Date(now.getTime() - LOOKUP_RETENTION_DAYS * 86_400_000).toISOString();
  const end = until ?? now.toISOString();
  if (end < oldest) {
    throw new UsageError(
      `--until ${end} is more than ${LOOKUP_RETENTION_DAYS} days ago, beyond what LookupEvents keeps; read the trail bucket (--cloudtrail s3://...) or CloudTrail Lake instead`,
    );
  }
  const warnings: string[] = [];
  if (!since || since < oldest) {
    if (since)
      warnings.push(
        `LookupEvents keeps ${LOOKUP_RETENTION_DAYS} days: --since ${since} clipped to ${oldest}`,
      );
    return { since: oldest, until: end, warnings };
  }
  return { since, until: end, warnings };
}

function toRecords(events: unknown[]): DecodedFile {
  const out = emptyDecoded();
  events.forEach((text, index) => {
    if (typeof text !== 'string') return reject(out, index, 'malformed', 'CloudTrailEvent is not a string');
    try {
      addRecord(out, index, JSON.parse(text));
    } catch {
      reject(out, index, 'malformed', 'CloudTrailEvent is not valid JSON');
    }
  });
  return out;
}

/**
 * CloudTrail LookupEvents as file batches, one per page of 50 (`cloudtrail:LookupEvents:REGION:pageN`),
 * at most 2 requests per second per region. Warns that it sees management events only.
 */
export async function* readLookupEvents(
  api: LookupEventsApi,
  options: LookupOptions,
): AsyncGenerator<FileBatch> {
  const window = lookupWindow(options.since, options.until, options.now);
  for (const warning of [MANAGEMENT_EVENTS_ONLY, ...window.warnings]) options.onWarning?.(warning);
  const regions: (string | undefined)[] = options.regions.length > 0 ? [...options.regions] : [undefined];
  for (const region of regions) {
    const limiter = new TokenBucket(LOOKUP_REQUESTS_PER_SECOND, options.clock ?? SYSTEM_CLOCK);
    let nextToken: string | undefined;
    let page = 0;
    do {
      await limiter.take();
      const out = await api({
        startTime: window.since,
        endTime: window.until,
        ...(region ? { region } : {}),
        ...(options.attribute ? { attribute: options.attribute } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      nextToken = out.nextToken;
      yield {
        kind: 'file',
        file: `cloudtrail:LookupEvents:${out.region}:page${++page}`,
        ...toRecords(out.events),
      };
    } while (nextToken);
  }
}
