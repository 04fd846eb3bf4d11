/**
 * One thread, in process: the CPU cost per record of each layer of the CloudTrail ingest, on a
 * bench corpus, against the baseline's gunzip + `JSON.parse` of the same files. It answers "how far
 * can tightrole get towards the parse floor": the decode layer alone is compared with the baseline,
 * and what the mapping and the fact store add is what the floor does not pay.
 * The baseline pass is `bench/baseline.ts`'s own worker code (`parseFiles`), run in this thread.
 * Passes alternate (baseline, decode, ingest) `--repeat` times; the table gives each layer's median.
 * Usage: node --import tsx bench/stage-cost.ts .bench/corpus-200000 [--repeat 3]
 */
import { ingestCloudTrailFiles, decodeOptions } from '../src/app/ingest-cloudtrail.ts';
import type { CloudTrailIngestPlan } from '../src/app/ingest-plan.ts';
import { DEFAULT_INGEST_LIMITS } from '../src/app/ingest-plan.ts';
import { Catalog } from '../src/catalog/catalog.ts';
import { iamDataSource } from '../src/catalog/iam-data-source.ts';
import { FactStore } from '../src/facts/fact-store.ts';
import { LearnedFunctionRoles } from '../src/ingest/function-roles.ts';
import { IngestTally } from '../src/ingest/tally.ts';
import { ALL_TIME } from '../src/model/time-window.ts';
import { readCloudTrailFiles } from '../src/sources/cloudtrail-files.ts';
import { parseFiles } from './baseline-worker.ts';
import { listGzipFiles } from './corpus.ts';

/** The plan `generate` follows for every role with default options (premask safe, roles learned). */
const PLAN: CloudTrailIngestPlan = {
  selection: { roles: [], window: ALL_TIME, rawTextPreFilter: true },
  limits: DEFAULT_INGEST_LIMITS,
  normalizers: { premask: 'safe' },
  learnFunctionRoles: true,
};

export type Layer =
  'baseline: gunzip + JSON.parse per file' | 'decode: tightrole reader' | 'ingest: decode + map + facts';

async function cpuMs(run: () => Promise<number> | number): Promise<{ ms: number; records: number }> {
  const start = process.cpuUsage();
  const records = await run();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, records };
}

async function decodeOnly(files: readonly string[]): Promise<number> {
  let records = 0;
  for await (const batch of readCloudTrailFiles(files, { window: ALL_TIME, decode: decodeOptions(PLAN) }))
    if (batch.kind !== 'skipped-file') records += batch.records.length;
  return records;
}

async function ingest(files: readonly string[], catalog: Catalog): Promise<number> {
  const tally = new IngestTally();
  const sinks = { store: new FactStore(), tally, learned: new LearnedFunctionRoles() };
  await ingestCloudTrailFiles(PLAN, files, catalog, sinks);
  return tally.toReport().records;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One layer's median CPU over the passes, and the records it read (the same for every layer). */
export interface LayerCost {
  layer: Layer;
  records: number;
  cpuMs: number;
}

/** Runs the three layers alternately `repeat` times over `files`; each layer's median pass. */
export async function stageCost(files: readonly string[], repeat: number): Promise<LayerCost[]> {
  const catalog = new Catalog(iamDataSource());
  const layers: [Layer, () => Promise<number> | number][] = [
    ['baseline: gunzip + JSON.parse per file', () => parseFiles(files).records],
    ['decode: tightrole reader', () => decodeOnly(files)],
    ['ingest: decode + map + facts', () => ingest(files, catalog)],
  ];
  const runs = new Map<Layer, { ms: number[]; records: number }>();
  for (let r = 0; r < repeat; r++)
    for (const [layer, run] of layers) {
      const { ms, records } = await cpuMs(run);
      const entry = runs.get(layer) ?? { ms: [], records };
      entry.ms.push(ms);
      runs.set(layer, entry);
    }
  return [...runs].map(([layer, { ms, records }]) => ({ layer, records, cpuMs: median(ms) }));
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const at = process.argv.indexOf('--repeat');
  const repeat = at > 0 ? Number(process.argv[at + 1]) : 3;
  if (!dir || !Number.isInteger(repeat) || repeat < 1) {
    console.error('usage: node --import tsx bench/stage-cost.ts CORPUS_DIR [--repeat N]');
    process.exit(2);
  }
  const files = listGzipFiles(dir);
  const costs = await stageCost(files, repeat);
  const floor = costs[0]!.cpuMs;
  console.log(
    `${files.length} files, one thread, median of ${repeat} alternating passes (CPU ms = user + system)`,
  );
  console.log('| layer | records | CPU ms | µs/record | vs baseline |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const { layer, records, cpuMs: ms } of costs) {
    const us = ((ms * 1000) / records).toFixed(1);
    console.log(`| ${layer} | ${records} | ${Math.round(ms)} | ${us} | ${(ms / floor).toFixed(2)}x |`);
  }
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) await main();
