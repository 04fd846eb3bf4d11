/**
 * Worker-thread entry: reads its share of CloudTrail files into its own FactStore and tally, then
 * sends both back as plain data. The main thread merges them (order-independent).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Catalog } from '../catalog/catalog.ts';
import { iamDataSource } from '../catalog/iam-data-source.ts';
import { FactStore } from '../facts/fact-store.ts';
import { IngestTally } from '../ingest/tally.ts';
import { LearnedFunctionRoles } from '../ingest/function-roles.ts';
import { readCloudTrailFiles } from '../sources/cloudtrail-files.ts';
import { recordFilter } from './record-filter.ts';
import { premasker } from './premask.ts';
import { ingestCloudTrailBatches } from './ingest-cloudtrail.ts';
import type { WorkerRequest, WorkerResponse } from './parallel-ingest.ts';
import { tapFiles } from './progress-tap.ts';

const request = workerData as WorkerRequest;
const catalog = new Catalog(iamDataSource());
const store = new FactStore(request.maxFacts, request.premask && premasker(catalog, request.premask));
const tally = new IngestTally();
const learned = request.learnFunctionRoles ? new LearnedFunctionRoles() : undefined;
const window = {
  ...(request.since ? { since: request.since } : {}),
  ...(request.until ? { until: request.until } : {}),
};
const filter = recordFilter({ ...request, preFilter: !request.learnFunctionRoles });
try {
  const batches = readCloudTrailFiles(request.files, {
    ...window,
    ...(request.maxRecordBytes ? { maxRecordChars: request.maxRecordBytes } : {}),
    ...(request.maxFileBytes ? { maxFileBytes: request.maxFileBytes } : {}),
    // Records pre-filtered by raw text are parsed one by one after the filter; others come parsed.
    parsedRecords: !filter.rawText,
  });
  // Each finished file is reported to the main thread for the progress line.
  const tapped = tapFiles(batches, (done) => parentPort?.postMessage({ progress: done }));
  await ingestCloudTrailBatches(tapped, {
    catalog,
    store,
    tally,
    ...(learned ? { learned } : {}),
    filter,
    ...(request.maxRecordBytes ? { limits: { maxRecordBytes: request.maxRecordBytes } } : {}),
  });
  const response: WorkerResponse = {
    ok: true,
    facts: store.entries(),
    handles: store.handles.state(),
    tally: tally.toReport(),
    ...(learned ? { functionRoles: learned.pairs() } : {}),
  };
  parentPort?.postMessage(response);
} catch (error) {
  const response: WorkerResponse = {
    ok: false,
    message: (error as Error).message,
    name: (error as Error).name,
  };
  parentPort?.postMessage(response);
}
