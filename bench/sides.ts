import { mkdirSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import type { BaselineResult } from './baseline.ts';
import type { Corpus } from './corpus.ts';
import { measure, type Measured } from './measure.ts';

/** One side of a comparison (baseline or tightrole) on one corpus. */
export interface SideResult {
  command: string;
  /** Time the throughput is computed from: the baseline's parse work, tightrole's whole process. */
  timedMs: number;
  wallMs: number;
  records: number;
  rawBytes: number;
  eventsPerSecond: number;
  mbPerSecond: number;
  peakRssMb: number;
  cpuSeconds?: number;
  rssMethod: Measured['rssMethod'];
  /** tightrole's own summary line (files, records, used, skipped, roles). */
  summary?: string;
  warnings: string[];
}

const MB = 1e6;

function side(m: Measured, timedMs: number, records: number, rawBytes: number, repo: string): SideResult {
  return {
    command: m.command.map((a) => (a.startsWith(repo) ? relative(repo, a) || '.' : a)).join(' '),
    timedMs,
    wallMs: m.wallMs,
    records,
    rawBytes,
    eventsPerSecond: records / (timedMs / 1000),
    mbPerSecond: rawBytes / MB / (timedMs / 1000),
    peakRssMb: m.peakRssKb / 1024,
    ...(m.cpuSeconds === undefined || Number.isNaN(m.cpuSeconds) ? {} : { cpuSeconds: m.cpuSeconds }),
    rssMethod: m.rssMethod,
    warnings: [],
  };
}

function failIfExited(m: Measured, what: string): void {
  if (m.exitCode !== 0) {
    throw new Error(`${what} exited with ${m.exitCode}:\n${m.stderr.trim().slice(-3000)}`);
  }
}

/** (a) Plain gunzip + JSON.parse on `jobs` threads, in its own process (bench/baseline.ts). */
export async function baselineSide(corpus: Corpus, jobs: number, repo: string): Promise<SideResult> {
  const m = await measure(
    ['node', '--import', 'tsx', `${repo}/bench/baseline.ts`, corpus.dir, String(jobs)],
    repo,
  );
  failIfExited(m, 'the baseline');
  const result = JSON.parse(m.stdout.trim().split('\n').at(-1) ?? '{}') as BaselineResult;
  const out = side(m, result.workMs, result.records, result.rawBytes, repo);
  if (result.records !== corpus.manifest.records)
    out.warnings.push(
      `baseline counted ${result.records} records, the corpus has ${corpus.manifest.records}`,
    );
  return out;
}

const SUMMARY = /tightrole: (\d+) file\(s\), (\d+) record\(s\)[^\n]*/;

/**
 * (b) The built CLI, all roles: `node bin/tightrole.js generate --cloudtrail DIR --jobs N --out DIR`.
 * With `profileDir`, node runs with `--cpu-prof` (one .cpuprofile per thread there).
 */
export async function tightroleSide(
  corpus: Corpus,
  jobs: number,
  repo: string,
  profileDir?: string,
): Promise<SideResult> {
  const outDir = `${corpus.dir.replace(/corpus-(\d+)$/, 'out-$1')}`;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const prof = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const cli = [`${repo}/bin/tightrole.js`, 'generate', '--cloudtrail', corpus.dir, '--jobs', String(jobs)];
  const m = await measure(['node', ...prof, ...cli, '--out', outDir], repo);
  failIfExited(m, 'tightrole generate');
  const summary = SUMMARY.exec(m.stderr);
  const out = side(m, m.wallMs, corpus.manifest.records, corpus.manifest.rawBytes, repo);
  if (summary) out.summary = summary[0];
  const read = Number(summary?.[2] ?? NaN);
  if (read !== corpus.manifest.records)
    out.warnings.push(
      `tightrole reported ${summary?.[2] ?? 'no'} records; the corpus has ${corpus.manifest.records}`,
    );
  return out;
}
