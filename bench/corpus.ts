import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CORPUS_PARAMS, planFiles, type CorpusParams, type FilePlan } from './corpus-plan.ts';
import type { CorpusWorkerRequest, CorpusWorkerResponse } from './corpus-worker.ts';
import { runTsWorker } from './ts-worker.ts';

/** Where corpora and results live (gitignored). */
export const BENCH_DIR = new URL('../.bench/', import.meta.url).pathname;

/** Written next to a corpus; a corpus is reused only when this matches what would be generated. */
export interface CorpusManifest {
  generator: string;
  params: CorpusParams;
  files: number;
  records: number;
  rawBytes: number;
  gzipBytes: number;
  /** Seconds it took to generate (for the record; not compared). */
  seconds: number;
}

/** A corpus on disk. */
export interface Corpus {
  dir: string;
  manifest: CorpusManifest;
  reused: boolean;
}

const GENERATOR_SOURCES = [
  'corpus-plan.ts',
  'corpus-file.ts',
  'corpus-roles.ts',
  'corpus-calls.ts',
  'corpus-calls-storage.ts',
  'corpus-calls-messaging.ts',
  'corpus-records.ts',
  'corpus-noise.ts',
  '../scripts/lib/prng.ts',
];

/** A hash of the generator's own sources: editing the generator invalidates cached corpora. */
export function generatorVersion(): string {
  const hash = createHash('sha256');
  for (const f of GENERATOR_SOURCES) hash.update(readFileSync(new URL(f, import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns the corpus of `events` records under `.bench/corpus-<events>/` (manifest beside it in
 * `.bench/corpus-<events>.manifest.json`), generating it (on `jobs`
 * worker threads, into a temporary directory renamed at the end) unless a complete one with the same
 * parameters and generator version is already there.
 */
export async function ensureCorpus(
  events: number,
  jobs: number,
  root = BENCH_DIR,
  overrides: Partial<CorpusParams> = {},
): Promise<Corpus> {
  const params: CorpusParams = { ...DEFAULT_CORPUS_PARAMS, ...overrides, events };
  const dir = join(root, `corpus-${events}`);
  const existing = readValidManifest(dir, params);
  if (existing) return { dir, manifest: existing, reused: true };
  const manifest = await generate(dir, params, jobs);
  return { dir, manifest, reused: false };
}

/** The manifest sits beside the corpus, not in it: tightrole would read a `.json` inside as evidence. */
function manifestPath(dir: string): string {
  return `${dir}.manifest.json`;
}

function readValidManifest(dir: string, params: CorpusParams): CorpusManifest | undefined {
  const path = manifestPath(dir);
  if (!existsSync(path) || !existsSync(dir)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as CorpusManifest;
    const same = m.generator === generatorVersion() && JSON.stringify(m.params) === JSON.stringify(params);
    return same && listGzipFiles(dir).length === m.files ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Every `.json.gz` file under a directory, sorted. */
export function listGzipFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listGzipFiles(path);
      return name.endsWith('.json.gz') ? [path] : [];
    });
}

async function generate(dir: string, params: CorpusParams, jobs: number): Promise<CorpusManifest> {
  const started = performance.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const plans = planFiles(params);
  const shares = dealByRecords(plans, Math.max(1, jobs));
  const entry = new URL('./corpus-worker.ts', import.meta.url);
  const answers = await Promise.all(
    shares.map((files) =>
      runTsWorker<CorpusWorkerResponse>(entry, { root: tmp, params, files } satisfies CorpusWorkerRequest),
    ),
  );
  const manifest: CorpusManifest = {
    generator: generatorVersion(),
    params,
    files: plans.length,
    records: plans.reduce((s, p) => s + p.records, 0),
    rawBytes: answers.reduce((s, a) => s + a.rawBytes, 0),
    gzipBytes: answers.reduce((s, a) => s + a.gzipBytes, 0),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  rmSync(manifestPath(dir), { force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  // Written last: a corpus without its manifest (an interrupted run) is regenerated.
  writeFileSync(manifestPath(dir), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Deals files to `n` shares, each file to the share with the fewest records so far. */
function dealByRecords(plans: FilePlan[], n: number): FilePlan[][] {
  const shares = Array.from({ length: Math.min(n, plans.length) }, () => ({
    files: [] as FilePlan[],
    records: 0,
  }));
  for (const plan of plans) {
    const least = shares.reduce((a, b) => (b.records < a.records ? b : a));
    least.files.push(plan);
    least.records += plan.records;
  }
  return shares.map((s) => s.files);
}
