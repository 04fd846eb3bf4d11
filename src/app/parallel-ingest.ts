import { Worker } from 'node:worker_threads';
import { FactLimitExceeded, type FactStore } from '../facts/fact-store.ts';
import type { HandleState } from '../facts/handle-index.ts';
import type { IngestTally, TallyState } from '../ingest/tally.ts';
import type { Fact } from '../model/fact.ts';
import type { LearnedFunctionRoles, LearnedPair } from '../ingest/function-roles.ts';
import { localFileSizes } from '../sources/cloudtrail-files.ts';
import type { CloudTrailIngestPlan } from './ingest-plan.ts';
import type { FileDone } from './progress-tap.ts';

/** What a worker is posted: the run's plan (plain data) and its share of the files. */
export interface WorkerRequest {
  plan: CloudTrailIngestPlan;
  files: string[];
}

export type WorkerResponse =
  | {
      ok: true;
      facts: [string, Fact][];
      handles: HandleState;
      tally: TallyState;
      functionRoles?: LearnedPair[];
    }
  | { ok: false; message: string; name: string };

/**
 * Reads local CloudTrail files on `jobs` worker threads (each given about the same bytes, see
 * {@link shareFiles}) and merges their facts and tallies. Output is identical to one thread: merging is order-independent.
 */
export async function ingestInParallel(
  plan: CloudTrailIngestPlan,
  files: readonly string[],
  jobs: number,
  into: {
    store: FactStore;
    tally: IngestTally;
    onProblem?: (file: string, reason: string) => void;
    onFileDone?: (done: FileDone) => void;
    learned?: LearnedFunctionRoles;
  },
): Promise<void> {
  const shares = shareFiles(files, localFileSizes(files), jobs);
  const responses = await Promise.all(
    shares.map((share) => runWorker({ plan, files: share }, into.onFileDone)),
  );
  for (const response of responses) {
    if (!response.ok) {
      if (response.name === FactLimitExceeded.name) throw new FactLimitExceeded(response.message);
      throw new Error(`ingest worker failed: ${response.message}`);
    }
    into.store.mergeEntries(response.facts);
    into.store.handles.merge(response.handles);
    into.tally.merge(response.tally);
    for (const pair of response.functionRoles ?? []) into.learned?.add(pair);
    for (const p of response.tally.problems) into.onProblem?.(p.file, p.reason);
  }
}

/**
 * Deals files to `jobs` threads so each reads about the same bytes: largest file first, each to the
 * share with the fewest bytes so far (ties: the lower share). Dealing by count left one thread
 * finishing well after the other when file sizes vary, as CloudTrail's do. Each share is then read in
 * the files' own order, not largest first: threads reading their largest files at the same moment
 * raised peak memory by about 30 MB at 4M events (measured). Deterministic: the same files and sizes
 * give the same shares (and merging does not depend on them anyway).
 */
export function shareFiles(files: readonly string[], sizes: readonly number[], jobs: number): string[][] {
  const count = Math.max(1, Math.min(jobs, files.length));
  const picked = Array.from({ length: count }, () => [] as number[]);
  const bytes = picked.map(() => 0);
  const order = files.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  for (const i of order) {
    let least = 0;
    for (let s = 1; s < count; s++) if (bytes[s]! < bytes[least]!) least = s;
    picked[least]!.push(i);
    bytes[least] = bytes[least]! + sizes[i]!;
  }
  return picked.map((share) => share.sort((a, b) => a - b).map((i) => files[i]!));
}

function runWorker(request: WorkerRequest, onFileDone?: (done: FileDone) => void): Promise<WorkerResponse> {
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
    worker.on('message', (message: WorkerResponse | { progress: FileDone }) => {
      if ('progress' in message) onFileDone?.(message.progress);
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`ingest worker exited with code ${code}`));
    });
  });
}
