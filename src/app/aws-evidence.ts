import { athenaEngine } from '../aws/athena.ts';
import { AwsClients } from '../aws/clients.ts';
import { cloudTrailLakeEngine } from '../aws/cloudtrail-lake.ts';
import { lookupEventsApi } from '../aws/cloudtrail-lookup.ts';
import type { AwsEvidenceRequest } from './aws-evidence-options.ts';
import { s3Reader } from '../aws/s3.ts';
import { readAthenaGrouped } from '../sources/athena.ts';
import type { FileBatch } from '../sources/cloudtrail-files.ts';
import type { DecodeOptions } from '../sources/decode/decode-file.ts';
import { readLakeGrouped } from '../sources/cloudtrail-lake.ts';
import { readLookupEvents } from '../sources/cloudtrail-lookup.ts';
import { readCloudTrailS3 } from '../sources/cloudtrail-s3.ts';
import { directoryCache } from '../sources/s3-cache.ts';
import { ingestCloudTrailBatches, type IngestDeps } from './ingest-cloudtrail.ts';
import { ingestGroupedRows } from './ingest-grouped.ts';

export type { AwsEvidenceOptions, AwsEvidenceRequest, AwsHooks } from './aws-evidence-options.ts';

/** A reader for `s3://` paths (for `readCloudTrailFiles`); its clients close when it finishes. */
export function s3PathReader(
  request: AwsEvidenceRequest,
): (url: string, decode: DecodeOptions) => AsyncGenerator<FileBatch> {
  const { aws } = request;
  return async function* (url, decode) {
    const clients = new AwsClients(aws.client);
    try {
      yield* readCloudTrailS3(url, s3Reader(clients.s3(), aws.client.region), {
        ...request.window,
        accounts: aws.accounts,
        regions: aws.regions,
        ...(aws.concurrency ? { concurrency: aws.concurrency } : {}),
        ...(aws.cacheDir ? { cache: directoryCache(aws.cacheDir) } : {}),
        ...(aws.hooks?.progress ? { onProgress: aws.hooks.progress } : {}),
        decode,
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
    ...request.window,
    roles: request.roles,
    accounts: aws.accounts,
    regions: aws.regions,
  };
  const warn = aws.hooks?.warning;
  try {
    if (aws.lookup) {
      const now = aws.hooks?.now?.() ?? new Date();
      const options = {
        ...request.window,
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
