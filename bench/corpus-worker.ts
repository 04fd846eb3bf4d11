/**
 * Worker entry: writes a share of a corpus's files (gzip level 6, as CloudTrail delivers them) and
 * answers with the uncompressed and compressed byte counts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { fileText, regionRoles } from './corpus-file.ts';
import type { CorpusParams, FilePlan } from './corpus-plan.ts';

/** What the generator hands each worker. */
export interface CorpusWorkerRequest {
  root: string;
  params: CorpusParams;
  files: FilePlan[];
}

/** What each worker answers. */
export interface CorpusWorkerResponse {
  rawBytes: number;
  gzipBytes: number;
}

/** Writes the files of one share; used by the worker and by tests (in-thread). */
export function writeShare(request: CorpusWorkerRequest): CorpusWorkerResponse {
  const tables = regionRoles(request.params);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const plan of request.files) {
    const raw = Buffer.from(fileText(plan, request.params, tables), 'utf8');
    const gz = gzipSync(raw, { level: 6 });
    const path = join(request.root, plan.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, gz);
    rawBytes += raw.length;
    gzipBytes += gz.length;
  }
  return { rawBytes, gzipBytes };
}

if (parentPort && workerData) {
  parentPort.postMessage(writeShare(workerData as CorpusWorkerRequest));
}
