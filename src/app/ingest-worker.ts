/**
 * Worker-thread entry: reads its share of CloudTrail files, as the plan says, into its own FactStore
 * and tally (the same ingestCloudTrailFiles as one thread), then sends both back as plain data. The
 * main thread merges them (order-independent).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Catalog } from '../catalog/catalog.ts';
import { iamDataSource } from '../catalog/iam-data-source.ts';
import { FactStore } from '../facts/fact-store.ts';
import { IngestTally } from '../ingest/tally.ts';
import { LearnedFunctionRoles } from '../ingest/function-roles.ts';
import { ingestCloudTrailFiles } from './ingest-cloudtrail.ts';
import type { WorkerRequest, WorkerResponse } from './parallel-ingest.ts';

const { plan, files } = workerData as WorkerRequest;
const catalog = new Catalog(iamDataSource());
const store = new FactStore(plan.limits.maxFacts);
const tally = new IngestTally();
const learned = plan.learnFunctionRoles ? new LearnedFunctionRoles() : undefined;
try {
  await ingestCloudTrailFiles(plan, files, catalog, {
    store,
    tally,
    ...(learned ? { learned } : {}),
    // Each finished file is reported to the main thread for the progress line.
    onFileDone: (done) => parentPort?.postMessage({ progress: done }),
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
