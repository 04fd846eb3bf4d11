import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** Options of `npm run bench`. */
export interface BenchArgs {
  /** Corpus sizes, in records (default 100k and 1M). */
  events: number[];
  /** Threads for the baseline and `tightrole --jobs` (default: one per core). */
  jobs: number;
  skipBaseline: boolean;
  skipTightrole: boolean;
  skipReduce: boolean;
  /** Also run tightrole under `node --cpu-prof` (profiles under .bench/prof-<N>/). */
  cpuProf: boolean;
  /** Distinct facts of the reduce micro-benchmark (default 100k). */
  reduceFacts: number;
  /** Baseline and tightrole run back to back this many times per size; medians are reported. */
  repeat: number;
}

export const USAGE = `usage: npm run bench [-- [--events N[,N...]]... [--jobs N] [--skip-baseline] [--skip-tightrole]
                       [--skip-reduce] [--reduce-facts N] [--repeat N] [--cpu-prof]]
  N accepts k/M suffixes (100k, 1M, 4M). Defaults: --events 100k,1M --jobs <cores> --reduce-facts 100k
  --repeat 1. With --repeat N each size runs baseline then tightrole N times; each side reports its
  median run and the ratio is the median of the back-to-back pairs (steadier on a shared machine).`;

/** Parses "100000", "100k", "1M", "1.5M". */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a count: "${text}"\n${USAGE}`);
  const scale = { '': 1, k: 1e3, m: 1e6 }[m[2]!.toLowerCase() as '' | 'k' | 'm'];
  const n = Math.round(Number(m[1]) * scale);
  if (n < 1) throw new Error(`a count must be at least 1: "${text}"`);
  return n;
}

/** `process.argv.slice(2)` -> options; throws with the usage on anything unknown. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', multiple: true },
      jobs: { type: 'string' },
      'skip-baseline': { type: 'boolean', default: false },
      'skip-tightrole': { type: 'boolean', default: false },
      'skip-reduce': { type: 'boolean', default: false },
      'reduce-facts': { type: 'string' },
      repeat: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const events = (values.events ?? ['100k', '1M']).flatMap((v) => v.split(',')).map(parseCount);
  return {
    events: [...new Set(events)].sort((a, b) => a - b),
    jobs: values.jobs ? parseCount(values.jobs) : availableParallelism(),
    skipBaseline: values['skip-baseline'],
    skipTightrole: values['skip-tightrole'],
    skipReduce: values['skip-reduce'],
    cpuProf: values['cpu-prof'],
    reduceFacts: values['reduce-facts'] ? parseCount(values['reduce-facts']) : 100_000,
    repeat: values.repeat ? parseCount(values.repeat) : 1,
  };
}
