/**
 * `npm run bench [-- --events N[,N] ... --jobs N --skip-baseline --cpu-prof]`: for each corpus size,
 * (a) plain gunzip + JSON.parse on all cores and (b) the built `tightrole generate` (all roles) on the
 * same files, with events/s, MB/s (uncompressed), peak RSS and the ratio b/a; then the reduce
 * micro-benchmark. Prints a table and a Markdown section, and writes `.bench/results-<time>.json`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs, type BenchArgs } from './args.ts';
import { ensureBuilt } from './build.ts';
import { BENCH_DIR, ensureCorpus } from './corpus.ts';
import { load1, machine } from './machine.ts';
import { reduceBench } from './reduce-bench.ts';
import { markdown, reduceLine, rssGrowth, textTable, type BenchResults, type SizeResult } from './report.ts';
import { baselineSide, tightroleSide, type SideResult } from './sides.ts';

const REPO = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function measureSize(events: number, args: BenchArgs): Promise<SizeResult> {
  const t0 = performance.now();
  const corpus = await ensureCorpus(events, args.jobs);
  const m = corpus.manifest;
  log(
    `corpus ${events}: ${corpus.reused ? 'reused' : `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`}, ` +
      `${m.files} files, ${(m.rawBytes / 1e6).toFixed(0)} MB raw, ${(m.gzipBytes / 1e6).toFixed(0)} MB gzip (${corpus.dir})`,
  );
  const result: SizeResult = {
    events,
    files: m.files,
    rawBytes: m.rawBytes,
    gzipBytes: m.gzipBytes,
    corpusReused: corpus.reused,
    load1Before: load1(),
  };
  if (result.load1Before > args.jobs)
    log(`warning: load average ${result.load1Before} on ${args.jobs} cores; figures will be noisy`);
  const baselines: SideResult[] = [];
  const tightroles: SideResult[] = [];
  const ratios: number[] = [];
  for (let run = 1; run <= args.repeat; run++) {
    const of = args.repeat > 1 ? ` (run ${run}/${args.repeat})` : '';
    const baseline = args.skipBaseline ? undefined : await baselineSide(corpus, args.jobs, REPO);
    if (baseline) {
      baselines.push(baseline);
      log(`baseline ${events}${of}: ${Math.round(baseline.eventsPerSecond)} events/s`);
    }
    if (args.skipTightrole) continue;
    const prof = args.cpuProf && run === 1 ? join(BENCH_DIR, `prof-${events}`) : undefined;
    if (prof) rmSync(prof, { recursive: true, force: true });
    const tightrole = await tightroleSide(corpus, args.jobs, REPO, prof);
    tightroles.push(tightrole);
    log(
      `tightrole ${events}${of}: ${Math.round(tightrole.eventsPerSecond)} events/s; ${tightrole.summary ?? ''}`,
    );
    if (prof) log(`CPU profiles in ${prof} (node --import tsx bench/profile-top.ts ${prof} summarizes them)`);
    if (baseline) ratios.push(tightrole.eventsPerSecond / baseline.eventsPerSecond);
  }
  if (baselines.length > 0) result.baseline = medianRun(baselines);
  if (tightroles.length > 0) result.tightrole = medianRun(tightroles);
  if (ratios.length > 0) result.ratio = median(ratios);
  if (ratios.length > 1) result.ratios = ratios;
  for (const w of [...(result.baseline?.warnings ?? []), ...(result.tightrole?.warnings ?? [])])
    log(`warning: ${w}`);
  return result;
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const box = machine();
  log(
    `${box.cpu}, ${box.cores} cores, ${box.memoryGiB} GiB, Node ${box.node}; sizes ${args.events.join(', ')}; --jobs ${args.jobs}`,
  );
  const build = args.skipTightrole ? undefined : ensureBuilt(REPO, log);
  if (build) log(`build: ${build.action} (${build.reason})`);
  const sizes: SizeResult[] = [];
  for (const events of args.events) sizes.push(await measureSize(events, args));
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: box,
    jobs: args.jobs,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    build: build ? `${build.action}: ${build.reason}` : 'skipped',
    sizes,
    rssGrowth: rssGrowth(sizes),
  };
  if (!args.skipReduce) {
    results.reduce = await reduceBench(args.reduceFacts, 50);
    log(`reduce: ${reduceLine(results.reduce)}`);
  }
  report(results);
}

function report(results: BenchResults): void {
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = join(BENCH_DIR, `results-${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const out = [
    textTable(results.sizes),
    '',
    ...results.rssGrowth.map((g) => `peak RSS ${g.events} / reference: ${g.ratio.toFixed(2)}x`),
    '',
    '--- Markdown (README performance section) ---',
    markdown(results),
    '',
    `results: ${file}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The run with the median throughput; its peak RSS is raised to the highest seen (memory is a limit). */
function medianRun(runs: SideResult[]): SideResult {
  const sorted = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  const chosen = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...chosen, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
