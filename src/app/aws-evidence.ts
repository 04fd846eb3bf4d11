import { athenaEngine, type AthenaTarget } from '../aws/athena.ts';
import { AwsClients, type AwsClientOptions } from '../aws/clients.ts';
import { cloudTrailLakeEngine } from '../aws/cloudtrail-lake.ts';
import { lookupEventsApi, type LookupAttribute } from '../aws/cloudtrail-lookup.ts';
import { s3Reader } from '../aws/s3.ts';
import { readAthenaGrouped } from '../sources/athena.ts';
import type { FileBatch } from '../sources/cloudtrail-files.ts';
import { readLakeGrouped } from '../sources/cloudtrail-lake.ts';
import { readLookupEvents } from '../sources/cloudtrail-lookup.ts';
import { readCloudTrailS3 } from '../sources/cloudtrail-s3.ts';
import type { AthenaPartitions } from '../sources/grouped-query.ts';
import type { TransferProgress } from '../sources/progress.ts';
import { directoryCache } from '../sources/s3-cache.ts';
import { ingestCloudTrailBatches, type IngestDeps } from './ingest-cloudtrail.ts';
import { ingestGroupedRows } from './ingest-grouped.ts';

/** Live AWS evidence: which APIs to read and how to reach them. Absent parts are not read. */
export interface AwsEvidenceOptions {
  client: AwsClientOptions;
  /** Narrow every AWS source to these accounts / regions (empty = all). */
  accounts: readonly string[];
  regions: readonly string[];
  /** Where S3 objects are cached by ETag; undefined = no cache. */
  cacheDir?: string;
  /** S3 downloads in flight. Default 8. */
  concurrency?: number;
  lookup?: { attribute?: LookupAttribute };
  lake?: { eventDataStore: string };
  athena?: { table: string; target: AthenaTarget; partitions?: AthenaPartitions };
  /** How the CLI hears about progress, warnings and started queries (all optional). */
  hooks?: AwsHooks;
}

export interface AwsHooks {
  warning?: (message: string) => void;
  progress?: (progress: TransferProgress) => void;
  now?: () => Date;
}

/** What the AWS readers need from the evidence request. */
export interface AwsEvidenceRequest {
  aws: AwsEvidenceOptions;
  roles: readonly string[];
  since?: string;
  until?: string;
}

/** True when the options name an API source (LookupEvents, Lake or Athena), not only s3:// paths. */
export function hasAwsApiSource(aws: AwsEvidenceOptions | undefined): boolean {
  return (
    aws !== undefined && (aws.lookup !== undefined || aws.lake !== undefined || aws.athena !== undefined)
  );
}

/** A reader for `s3://` paths (for `readCloudTrailFiles`); its clients close when it finishes. */
export function s3PathReader(request: AwsEvidenceRequest): (url: string) => AsyncGenerator<FileBatch> {
  const { aws } = request;
  return async function* (url) {
    const clients = new AwsClients(aws.client);
    try {
      yield* readCloudTrailS3(url, s3Reader(clients.s3(), aws.client.region), {
        ...window(request),
        accounts: aws.accounts,
        regions: aws.regions,
        ...(aws.concurrency ? { concurrency: aws.concurrency } : {}),
        ...(aws.cacheDir ? { cache: directoryCache(aws.cacheDir) } : {}),
        ...(aws.hooks?.progress ? { onProgress: aws.hooks.progress } : {}),
      });
    } finally {
      clients.close();
    }
  };
}

/** Reads the API sources the options name (LookupEvents, CloudTrail Lake, Athena) into the store. */
export async function collectAwsEvidence(request: AwsEvidenceRequest, ingest: IngestDeps): Promise<void> {
  const { aws } = request;
  const clients = new AwsClients(aws.client);
  const selection = {
    ...window(request),
    roles: request.roles,
    accounts: aws.accounts,
    regions: aws.regions,
  };
  const warn = aws.hooks?.warning;
  try {
    if (aws.lookup) {
      const now = aws.hooks?.now?.() ?? new Date();
      const options = {
        ...window(request),
        regions: aws.regions,
        now,
        ...(aws.lookup.attribute ? { attribute: aws.lookup.attribute } : {}),
      };
      await ingestCloudTrailBatches(
        readLookupEvents(lookupEventsApi(clients), { ...options, ...(warn ? { onWarning: warn } : {}) }),
        ingest,
      );
    }
    if (aws.lake) {
      const engine = cloudTrailLakeEngine(
        lakeClients(clients, aws.lake.eventDataStore),
        aws.lake.eventDataStore,
      );
      await ingestGroupedRows(
        readLakeGrouped(engine, { ...selection, eventDataStore: aws.lake.eventDataStore, ...started(warn) }),
        ingest,
      );
    }
    if (aws.athena) {
      const { table, target, partitions } = aws.athena;
      const options = { ...selection, table, ...(partitions ? { partitions } : {}), ...started(warn) };
      await ingestGroupedRows(readAthenaGrouped(athenaEngine(clients, target), options), ingest);
    }
  } finally {
    clients.close();
  }
}

// An event data store ARN names its region; query it there whatever --region says.
function lakeClients(clients: AwsClients, eventDataStore: string): AwsClients {
  const region = /^arn:[^:]+:cloudtrail:([^:]+):/.exec(eventDataStore)?.[1];
  return region && region !== clients.options.region
    ? new AwsClients({ ...clients.options, region })
    : clients;
}

function started(warn: ((message: string) => void) | undefined) {
  return warn ? { onStarted: (id: string) => warn(`query ${id} started; waiting for its results`) } : {};
}

function window(request: AwsEvidenceRequest): { since?: string; until?: string } {
  return {
    ...(request.since ? { since: request.since } : {}),
    ...(request.until ? { until: request.until } : {}),
  };
}
