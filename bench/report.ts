import type { Machine } from './machine.ts';
import type { ReduceBenchResult } from './reduce-bench.ts';
import type { SideResult } from './sides.ts';

/** Everything measured on one corpus size. */
export interface SizeResult {
  events: number;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  corpusReused: boolean;
  load1Before: number;
  baseline?: SideResult;
  tightrole?: SideResult;
  /** tightrole events/s divided by the baseline's (> 1: faster than plain gunzip + JSON.parse). */
  ratio?: number;
  /** With --repeat: each back-to-back pair's ratio (`ratio` is their median). */
  ratios?: number[];
}

/** The whole run, as written to `.bench/results-<timestamp>.json`. */
export interface BenchResults {
  date: string;
  machine: Machine;
  jobs: number;
  command: string;
  build: string;
  sizes: SizeResult[];
  /** Peak RSS at each size divided by peak RSS at the 1M size (or the smallest measured). */
  rssGrowth: { events: number; ratio: number }[];
  reduce?: ReduceBenchResult;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | undefined, digits = 1) => (n === undefined ? '-' : n.toFixed(digits));
const size = (n: number) =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);

/** Peak RSS ratios against the 1M corpus (the issue's reference), else the smallest one measured. */
export function rssGrowth(sizes: SizeResult[]): { events: number; ratio: number }[] {
  const measured = sizes.filter((s) => s.tightrole);
  const reference = measured.find((s) => s.events === 1_000_000) ?? measured[0];
  if (!reference?.tightrole) return [];
  return measured.map((s) => ({
    events: s.events,
    ratio: s.tightrole!.peakRssMb / reference.tightrole!.peakRssMb,
  }));
}

const HEADER = [
  'events',
  'files',
  'MB (raw)',
  'baseline ev/s',
  'baseline MB/s',
  'baseline RSS MB',
  'baseline CPU s',
  'tightrole ev/s',
  'tightrole MB/s',
  'tightrole RSS MB',
  'tightrole CPU s',
  'ratio b/a',
];

function row(s: SizeResult): string[] {
  const b = s.baseline;
  const t = s.tightrole;
  return [
    size(s.events),
    String(s.files),
    int(s.rawBytes / 1e6),
    b ? int(b.eventsPerSecond) : '-',
    b ? fixed(b.mbPerSecond) : '-',
    b ? int(b.peakRssMb) : '-',
    fixed(b?.cpuSeconds),
    t ? int(t.eventsPerSecond) : '-',
    t ? fixed(t.mbPerSecond) : '-',
    t ? int(t.peakRssMb) : '-',
    fixed(t?.cpuSeconds),
    s.ratio === undefined ? '-' : `${s.ratio.toFixed(2)}x`,
  ];
}

/** The results as a Markdown section for README's performance part. */
export function markdown(r: BenchResults): string {
  const lines = [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...r.sizes.map((s) => `| ${row(s).join(' | ')} |`),
  ];
  const m = r.machine;
  lines.push(
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, Linux ${m.kernel}; --jobs ${r.jobs}.`,
    `Command: \`${r.command}\` (${r.date.slice(0, 10)}); 1-min load average before each size: ` +
      r.sizes.map((s) => `${size(s.events)} ${s.load1Before}`).join(', ') +
      '.',
  );
  for (const s of r.sizes) {
    if (s.baseline) lines.push(`- baseline ${size(s.events)}: \`${s.baseline.command}\``);
    if (s.tightrole) lines.push(`- tightrole ${size(s.events)}: \`${s.tightrole.command}\``);
  }
  for (const s of r.sizes)
    if (s.ratios)
      lines.push(
        `- ${size(s.events)}: ratio of each back-to-back run ${s.ratios.map((x) => `${x.toFixed(2)}x`).join(', ')} (median in the table)`,
      );
  for (const g of r.rssGrowth)
    lines.push(`- peak RSS at ${size(g.events)} / peak RSS at reference: ${g.ratio.toFixed(2)}x`);
  if (r.reduce) lines.push(`- reduce: ${reduceLine(r.reduce)}`);
  return lines.join('\n');
}

/** One line on the reduce micro-benchmark. */
export function reduceLine(x: ReduceBenchResult): string {
  return (
    `${int(x.facts)} facts over ${x.principals} roles -> ${x.statements} statements in ` +
    `${int(x.reduceMs)} ms (${int(x.reduceCpuMs)} ms CPU): ${int(x.factsPerSecond)} facts/s`
  );
}

/** A plain-text table for the terminal. */
export function textTable(sizes: SizeResult[]): string {
  const rows = [HEADER, ...sizes.map(row)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  ')).join('\n');
}
