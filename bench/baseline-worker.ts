/**
 * Worker entry of the baseline: plain `gunzipSync` + `JSON.parse` of each file it is given, counting
 * records and uncompressed bytes. Nothing else: this is the floor tightrole is compared with.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

/** One worker's count, with its work interval (epoch ms, comparable across threads). */
export interface BaselineShare {
  files: number;
  records: number;
  rawBytes: number;
  startMs: number;
  endMs: number;
}

/** Reads and parses every file; used by the worker and, in-thread, by tests. */
export function parseFiles(files: readonly string[]): BaselineShare {
  const startMs = performance.timeOrigin + performance.now();
  let records = 0;
  let rawBytes = 0;
  for (const file of files) {
    const raw = gunzipSync(readFileSync(file));
    rawBytes += raw.length;
    const doc = JSON.parse(raw.toString('utf8')) as { Records?: unknown[] };
    records += doc.Records?.length ?? 0;
  }
  return {
    files: files.length,
    records,
    rawBytes,
    startMs,
    endMs: performance.timeOrigin + performance.now(),
  };
}

// Start-up barrier: say "ready" once loaded, parse on "go", so all threads parse at the same time.
if (parentPort && Array.isArray(workerData)) {
  const port = parentPort;
  port.once('message', () => port.postMessage(parseFiles(workerData as string[])));
  port.postMessage('ready');
}
