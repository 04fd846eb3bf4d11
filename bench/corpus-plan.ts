import { Prng } from '../scripts/lib/prng.ts';
import { benchRoles, BENCH_ACCOUNT, BENCH_REGIONS, type BenchRole } from './corpus-roles.ts';

/** What fixes a corpus: the same parameters always give the same bytes. */
export interface CorpusParams {
  /** Total records across all files. */
  events: number;
  seed: number;
  /** Function roles (noise principals come on top). */
  roles: number;
  /** Share of records from principals other than the functions (IAM users, services, console). */
  noiseShare: number;
  minPerFile: number;
  maxPerFile: number;
  /** ISO time of the first delivery. */
  start: string;
}

/** Defaults: 50 function roles, 20% noise, 500..2000 records per file from 2026-11-01. */
export const DEFAULT_CORPUS_PARAMS: Omit<CorpusParams, 'events'> = {
  seed: 20261101,
  roles: 50,
  noiseShare: 0.2,
  minPerFile: 500,
  maxPerFile: 2000,
  start: '2026-11-01T00:00:00Z',
};

/** One file to write: where, how many records, and the seed of its own PRNG. */
export interface FilePlan {
  index: number;
  region: string;
  /** Delivery time; the file's records fall in the 5 minutes before it. */
  stampMs: number;
  records: number;
  /** Path relative to the corpus root, in CloudTrail's S3 layout. */
  path: string;
  seed: number;
}

/** Mixes a corpus seed and a file index into the file's own seed (files generate independently). */
export function fileSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Record counts, regions and delivery times of every file, in order. */
export function planFiles(params: CorpusParams): FilePlan[] {
  const rng = new Prng(params.seed);
  const share = regionShares(benchRoles(params.seed, params.roles));
  const clock = new Map<string, number>(BENCH_REGIONS.map((r) => [r, Date.parse(params.start)]));
  const files: FilePlan[] = [];
  for (let left = params.events; left > 0;) {
    const span = params.maxPerFile - params.minPerFile;
    const records = Math.min(left, params.minPerFile + Math.floor(span * Math.pow(rng.next(), 1.5)));
    const region = rng.next() < share ? BENCH_REGIONS[0] : BENCH_REGIONS[1];
    const stampMs = clock.get(region)! + 60_000 * (1 + rng.int(5));
    clock.set(region, stampMs);
    files.push({
      index: files.length,
      region,
      stampMs,
      records,
      path: filePath(rng, region, stampMs),
      seed: 0,
    });
    left -= records;
  }
  return files.map((f) => ({ ...f, seed: fileSeed(params.seed, f.index) }));
}

/** The first region's share of function traffic. */
function regionShares(roles: BenchRole[]): number {
  const total = roles.reduce((s, r) => s + r.weight, 0);
  return roles.filter((r) => r.region === BENCH_REGIONS[0]).reduce((s, r) => s + r.weight, 0) / total;
}

/** `AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<stamp>_<rand>.json.gz` */
function filePath(rng: Prng, region: string, stampMs: number): string {
  const iso = new Date(stampMs).toISOString();
  const day = iso.slice(0, 10).replaceAll('-', '/');
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}Z`;
  const name = `${BENCH_ACCOUNT}_CloudTrail_${region}_${stamp}_${rng.alnum(16)}.json.gz`;
  return `AWSLogs/${BENCH_ACCOUNT}/CloudTrail/${region}/${day}/${name}`;
}
