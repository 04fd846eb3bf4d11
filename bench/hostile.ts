/**
 * Timing bounds for hostile inputs (issue #19): each scenario generates its input at run time and
 * prints what it took, so figures are measured here and never in tests.
 *
 *   npm run bench:hostile -- reduce [N]     N distinct resources of one role (tables, secrets, streams)
 *   npm run bench:hostile -- scan [MB]      {"Records":[ok, MB of digits / of spaces, ok]} streamed
 *   npm run bench:hostile -- list [N]       a folder of N files listed
 *   npm run bench:hostile -- jsonl [MB]     generate on one .jsonl.gz of MB of JSON Lines: peak RSS
 *   npm run bench:hostile -- current [N]    diff with a --current of N statements
 *   npm run bench:hostile -- all            each with its default size
 */
import { fileURLToPath } from 'node:url';
import { currentPolicy, jsonLinesFile, listFolder, scanFill, timed } from './hostile-inputs.ts';
import { hostileReduce, type ReduceShape } from './hostile-reduce.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
type Scenario = (size: string | undefined) => Promise<void>;

const SCENARIOS: Record<string, Scenario> = {
  reduce: async (n) => {
    for (const shape of ['tables', 'secrets', 'streams'] as ReduceShape[]) {
      const r = await hostileReduce(shape, Number(n ?? 100_000));
      print(`reduce ${shape}`, `${r.facts} facts -> ${r.resources} resources`, r.cpuMs, r.wallMs);
    }
  },
  scan: async (mb) => {
    for (const fill of ['digits', 'spaces'] as const) {
      const r = await timed(() => scanFill(fill, Number(mb ?? 80)));
      print(`scan ${fill}`, `${mb ?? 80} MB between 2 records: ${r.value} entries`, r.cpuMs, r.wallMs);
    }
  },
  list: async (n) => {
    const r = await listFolder(Number(n ?? 100_000));
    print('list folder', `${r.files} files`, r.cpuMs, r.wallMs);
  },
  jsonl: async (mb) => {
    const r = await jsonLinesFile(REPO, Number(mb ?? 400));
    const what = `${mb ?? 400} MB JSON Lines (${(r.gzBytes / 1024).toFixed(0)} KB .gz), exit ${r.exitCode}, peak ${(r.peakRssKb / 1024).toFixed(0)} MB`;
    print('generate jsonl', what, (r.cpuSeconds ?? NaN) * 1000, r.wallMs);
  },
  current: async (n) => {
    const r = await currentPolicy(REPO, Number(n ?? 20_000));
    const what = `${n ?? 20_000} statements (${(r.bytes / 1e6).toFixed(1)} MB), exit ${r.exitCode}, peak ${(r.peakRssKb / 1024).toFixed(0)} MB`;
    print('diff --current', what, (r.cpuSeconds ?? NaN) * 1000, r.wallMs);
  },
};

function print(name: string, what: string, cpuMs: number, wallMs: number): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${name.padEnd(18)} ${what.padEnd(62)} cpu ${s(cpuMs).padStart(8)}  wall ${s(wallMs).padStart(8)}`,
  );
}

const [name = 'all', size] = process.argv.slice(2);
for (const n of name === 'all' ? Object.keys(SCENARIOS) : [name]) {
  const scenario = SCENARIOS[n];
  if (!scenario) {
    console.error(`unknown scenario "${n}"; one of: ${Object.keys(SCENARIOS).join(', ')}, all`);
    process.exit(2);
  }
  await scenario(name === 'all' ? undefined : size);
}
