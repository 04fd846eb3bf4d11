/**
 * Splits `node --cpu-prof` profiles of a `generate` run into pipeline stages: each sample goes to the
 * deepest stage entry on its stack (a call to the fact store under the mapping counts as fact store;
 * the masking it does, as masking). Idle time is left out; GC is its own row (it is not attributable).
 * Usage: node --import tsx bench/profile-stages.ts DIR [--markdown]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A stage entry: a frame matching `fn` (function name) and/or `url` (substring) starts `stage`. */
interface Entry {
  stage: string;
  fn?: RegExp;
  url?: RegExp;
}

// Stage names as in bench/README.md's profile table.
export const ENTRIES: readonly Entry[] = [
  {
    stage: 'start-up (module loading, flags)',
    url: /node:internal\/modules|bootstrap\/|node_modules\/(yargs|cliui|y18n)/,
  },
  {
    stage: 'start-up (module loading, flags)',
    fn: /^(compileSourceTextModule|main)$/,
    url: /node:|cli\/main/,
  },
  { stage: 'catalog load', url: /iam-data-source\.js|node_modules\/@cloud-copilot/ },
  { stage: 'catalog load', fn: /^ensure$/, url: /catalog\/catalog\.js/ },
  { stage: 'read files', fn: /^streamFile$/ },
  { stage: 'read files', url: /node:fs|fs\/promises/ },
  { stage: 'decompress', url: /node:zlib|gunzip-members\.js/ },
  { stage: 'parse (JSON.parse per record)', fn: /^(parseObject|parseTexts)$/ },
  {
    stage: 'split (text, record boundaries)',
    url: /records-splitter|records-scanner|lines-scanner|decode-file|other-shapes/,
  },
  { stage: 'map (record -> observations)', fn: /^(parseCloudTrailRecord|servicePrefixes)$/ },
  { stage: 'map: role-session learning', fn: /^(learn|teachesFunctionRole)$/ },
  { stage: 'ingest bookkeeping (tally, batches)', url: /ingest\/tally\.js/ },
  // V8 inlines the small callees of the per-record loop into it: their time shows here.
  { stage: 'ingest loop (ingestRecord, inlined callees)', fn: /^(ingestRecord|ingestCloudTrailBatches)$/ },
  // Masking runs as the premask normalizer (app/premask.ts) between mapping and the fact store.
  { stage: 'masking per-request identifiers (premask)', url: /app\/premask\.js/ },
  { stage: 'fact store', url: /fact-store\.js|handle-index\.js/ },
  { stage: 'merge of worker results', fn: /^(mergeEntries|mergeFrom|correlate|postMessage|pairs)$/ },
  { stage: 'reduce', fn: /^reducePrincipal$/ },
  { stage: 'verify (self-check)', fn: /^(verifyPolicy|verifyCatalogFit)$/ },
  { stage: 'render and write', url: /\/render\/|\/sinks\// },
  { stage: 'report and summary', fn: /^(buildRunReport|printIngestSummary|platformFacts)$/ },
];

function stageOf(frame: ProfileNode['callFrame']): string | undefined {
  for (const e of ENTRIES) {
    if (e.fn && !e.fn.test(frame.functionName)) continue;
    if (e.url && !e.url.test(frame.url)) continue;
    return e.stage;
  }
  return undefined;
}

/** Milliseconds per stage in one profile (idle excluded). */
export function stageTimes(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, string>();
  const stageFor = (id: number): string => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let stage: string;
    if (name === '(garbage collector)') stage = 'GC';
    else if (name === '(idle)') stage = 'idle';
    else {
      // The deepest entry wins: walk up from the sample to the first frame that starts a stage.
      stage = 'other';
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const found = stageOf(byId.get(at)!.callFrame);
        if (found) {
          stage = found;
          break;
        }
      }
    }
    memo.set(id, stage);
    return stage;
  };
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const stage = stageFor(id);
    if (stage !== 'idle') out.set(stage, (out.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

function main(dir: string, markdown: boolean): void {
  const all = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    for (const [k, v] of stageTimes(profile)) all.set(k, (all.get(k) ?? 0) + v);
  }
  const total = [...all.values()].reduce((s, v) => s + v, 0);
  const rows = [...all.entries()].sort((a, b) => b[1] - a[1]);
  if (markdown) {
    console.log('| stage | CPU ms | share |\n| --- | ---: | ---: |');
    for (const [k, v] of rows) console.log(`| ${k} | ${v.toFixed(0)} | ${((v / total) * 100).toFixed(1)}% |`);
  } else {
    for (const [k, v] of rows)
      console.log(`${v.toFixed(0).padStart(8)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
  console.log(`${markdown ? '\n' : ''}total busy CPU (all threads, idle excluded): ${total.toFixed(0)} ms`);
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) throw new Error('usage: node --import tsx bench/profile-stages.ts DIR [--markdown]');
  main(dir, args.includes('--markdown'));
}
