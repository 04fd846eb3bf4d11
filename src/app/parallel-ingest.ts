import { Worker } from 'node:worker_threads';
import { FactLimitExceeded, type FactStore } from '../facts/fact-store.ts';
import type { IngestTally, TallyState } from '../ingest/tally.ts';
import type { Fact } from '../model/fact.ts';

export interface WorkerRequest {
  files: string[];
  roles: readonly string[];
  since?: string;
  until?: string;
  maxFacts?: number;
  maxRecordBytes?: number;
}

export type WorkerResponse =
  { ok: true; facts: Fact[]; tally: TallyState } | { ok: false; message: string; name: string };

/**
 * Reads local CloudTrail files on `jobs` worker threads (files dealt round-robin, largest share first)
 * and merges their facts and tallies. Output is identical to one thread: merging is order-independent.
 */
export async function ingestInParallel(
  files: readonly string[],
  request: Omit<WorkerRequest, 'files'>,
  jobs: number,
  into: { store: FactStore; tally: IngestTally; onProblem?: (file: string, reason: string) => void },
): Promise<void> {
  const shares = Array.from({ length: Math.min(jobs, files.length) }, () => [] as string[]);
  files.forEach((file, i) => shares[i % shares.length]!.push(file));
  const responses = await Promise.all(shares.map((share) => runWorker({ ...request, files: share })));
  for (const response of responses) {
    if (!response.ok) {
      if (response.name === FactLimitExceeded.name) throw new FactLimitExceeded(response.message);
      throw new Error(`ingest worker failed: ${response.message}`);
    }
    into.store.mergeFrom(response.facts);
    into.tally.merge(response.tally);
    for (const p of response.tally.problems) into.onProblem?.(p.file, p.reason);
  }
}

function runWorker(request: WorkerRequest): Promise<WorkerResponse> {
  // Under tsx (tests, `npm run bench` on sources) the worker is the .ts file and needs the tsx loader.
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./ingest-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  return new Promise((resolve, reject) => {
    // A worker does not inherit the tsx loader: load the .ts entry through tsx's API inside it.
    const worker = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`,
          {
            eval: true,
            workerData: request,
          },
        )
      : new Worker(entry, { workerData: request });
    worker.once('message', (message: WorkerResponse) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`ingest worker exited with code ${code}`));
    });
  });
}
