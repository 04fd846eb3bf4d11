/**
 * Timing bounds for hostile inputs (issue #19): each scenario generates its input at run time and
 * prints what it took, so figures are measured here and never in tests.
 *
 *   npm run bench:hostile -- reduce [N]        N distinct resources of one role (tables, secrets, streams)
 */
import { hostileReduce, type ReduceShape } from './hostile-reduce.ts';

type Scenario = (args: string[]) => Promise<void>;

const SCENARIOS: Record<string, Scenario> = {
  reduce: async ([n]) => {
    const count = Number(n ?? 100_000);
    for (const shape of ['tables', 'secrets', 'streams'] as ReduceShape[]) {
      const r = await hostileReduce(shape, count);
      print(`reduce ${shape}`, `${r.facts} facts -> ${r.resources} resources`, r.cpuMs, r.wallMs);
    }
  },
};

function print(name: string, what: string, cpuMs: number, wallMs: number): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${name.padEnd(24)} ${what.padEnd(40)} cpu ${s(cpuMs).padStart(9)}  wall ${s(wallMs).padStart(9)}`,
  );
}

const [name = '', ...rest] = process.argv.slice(2);
const names = name === '' || name === 'all' ? Object.keys(SCENARIOS) : [name];
for (const n of names) {
  const scenario = SCENARIOS[n];
  if (!scenario) {
    console.error(`unknown scenario "${n}"; one of: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
  await scenario(rest);
}
