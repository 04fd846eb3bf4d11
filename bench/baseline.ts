/**
 * The baseline, run as its own process (so its peak RSS is measured like tightrole's):
 * `node --import tsx bench/baseline.ts DIR JOBS` gunzips and JSON.parses every `.json.gz` under DIR
 * on JOBS worker threads (files dealt round-robin; they start parsing together once all are loaded)
 * and prints one JSON line (BaselineResult).
 */
import type { BaselineShare } from './baseline-worker.ts';
import { listGzipFiles } from './corpus.ts';
import { nextMessage, spawnTsWorker } from './ts-worker.ts';

/** What the baseline process prints. */
export interface BaselineResult {
  jobs: number;
  files: number;
  records: number;
  rawBytes: number;
  /** From "go" (all threads loaded) to the last thread finishing: thread start-up is excluded. */
  workMs: number;
}

/** Runs the baseline in this process. */
export async function runBaseline(dir: string, jobs: number): Promise<BaselineResult> {
  const files = listGzipFiles(dir);
  const shares = Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, () => [] as string[]);
  files.forEach((f, i) => shares[i % shares.length]!.push(f));
  const entry = new URL('./baseline-worker.ts', import.meta.url);
  const workers = shares.map((share) => spawnTsWorker(entry, share));
  await Promise.all(workers.map((w) => nextMessage<'ready'>(w, 'baseline')));
  const answers = workers.map((w) => nextMessage<BaselineShare>(w, 'baseline'));
  workers.forEach((w) => w.postMessage('go'));
  const done = await Promise.all(answers);
  await Promise.all(workers.map((w) => w.terminate()));
  return {
    jobs: shares.length,
    files: files.length,
    records: done.reduce((s, d) => s + d.records, 0),
    rawBytes: done.reduce((s, d) => s + d.rawBytes, 0),
    workMs: Math.max(...done.map((d) => d.endMs)) - Math.min(...done.map((d) => d.startMs)),
  };
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) {
  const [dir, jobs] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node --import tsx bench/baseline.ts DIR [JOBS]');
  const result = await runBaseline(dir, Number(jobs ?? 2));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
