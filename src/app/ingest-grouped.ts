import type { QueryRow } from '../aws/query-engine.ts';
import { factOf } from '../facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../ingest/cloudtrail-record.ts';
import type { RowPage } from '../sources/grouped-query-run.ts';
import { GROUPED_REQUEST_PARAMETERS, paramColumn } from '../sources/grouped-query.ts';
import type { IngestDeps } from './ingest-cloudtrail.ts';

/** One grouped row as a CloudTrail-shaped record, with the group's count and first/last seen. */
export interface GroupedCall {
  record: Record<string, unknown>;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

// Lake prints timestamps as "2026-11-20 10:15:00.000"; Athena keeps CloudTrail's ISO strings.
function iso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(
    /^\d{4}-\d{2}-\d{2} /.test(value) && !/Z|[+-]\d{2}:?\d{2}$/.test(value)
      ? `${value.replace(' ', 'T')}Z`
      : value,
  );
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function requestParameters(row: QueryRow): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of GROUPED_REQUEST_PARAMETERS) {
    const value = row[paramColumn(name)];
    if (value !== undefined && value !== '') params[name] = value;
  }
  return params;
}

/** A grouped row -> the record the CloudTrail parser would have seen, or undefined when unusable. */
export function groupedCall(row: QueryRow): GroupedCall | undefined {
  const firstSeen = iso(row['first_seen']);
  const lastSeen = iso(row['last_seen']) ?? firstSeen;
  const count = Number(row['calls'] ?? '1');
  if (!firstSeen || !lastSeen || !Number.isSafeInteger(count) || count < 1) return undefined;
  const arns = (row['resource_arns'] ?? '').split(' ').filter(Boolean);
  const record: Record<string, unknown> = {
    eventType: 'AwsApiCall',
    eventSource: row['event_source'],
    eventName: row['event_name'],
    eventTime: firstSeen,
    awsRegion: row['aws_region'],
    recipientAccountId: row['account_id'],
    userIdentity: {
      type: 'AssumedRole',
      ...(row['invoked_by'] ? { invokedBy: row['invoked_by'] } : {}),
      sessionContext: { sessionIssuer: { type: 'Role', arn: row['role_arn'] } },
    },
    requestParameters: requestParameters(row),
    ...(row['error_code'] ? { errorCode: row['error_code'] } : {}),
    ...(row['vpc_endpoint_id'] ? { vpcEndpointId: row['vpc_endpoint_id'] } : {}),
    ...(arns.length > 0 ? { resources: arns.map((ARN) => ({ ARN })) } : {}),
  };
  return { record, count, firstSeen, lastSeen };
}

/**
 * Feeds grouped rows (Athena, CloudTrail Lake) into the fact store: each row goes through the same
 * CloudTrail parser as a file record, then lands as one fact carrying the row's count and first/last
 * seen. The tally counts rows as records (a row stands for `calls` events).
 */
export async function ingestGroupedRows(pages: AsyncIterable<RowPage>, deps: IngestDeps): Promise<void> {
  for await (const page of pages) {
    deps.tally.file();
    const calls = page.rows.map(groupedCall);
    await deps.catalog.ensure(calls.flatMap((c) => (c ? (recordServicePrefix(c.record) ?? []) : [])));
    calls.forEach((call, index) => {
      const where = `${page.name}#${index}`;
      if (!call) return deps.tally.badRecord('malformed-record', `${where}: no calls/first_seen in the row`);
      const result = parseCloudTrailRecord(
        call.record,
        deps.catalog,
        { file: page.name, record: index },
        deps.filter,
      );
      deps.tally.record(result, where);
      if (result.kind !== 'observations') return;
      // The same normalizers as file records (the premask): memory grows with patterns, not keys.
      for (const o of result.observations)
        deps.store.addFact(factOf(deps.normalize ? deps.normalize(o) : o, call));
    });
  }
}
