/**
 * Summarizes `node --cpu-prof` profiles: top self-time functions per thread and over all threads.
 * Usage: node --import tsx bench/profile-top.ts DIR [TOP]  (DIR as written by `npm run bench -- --cpu-prof`)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function labels(profile: CpuProfile, root: string): Map<number, string> {
  const label = new Map<number, string>();
  for (const n of profile.nodes) {
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const where = url ? `${relative(root, url)}:${n.callFrame.lineNumber + 1}` : 'native';
    label.set(n.id, `${n.callFrame.functionName || '(anonymous)'} (${where})`);
  }
  return label;
}

/** Self time (ms) per function, keyed `name (file:line)`. */
export function selfTimes(profile: CpuProfile, root = process.cwd()): Map<string, number> {
  const label = labels(profile, root);
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = label.get(id) ?? '?';
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

/** Inclusive time (ms) per function of the project (not node_modules or node internals). */
export function inclusiveTimes(profile: CpuProfile, root = process.cwd()): Map<string, number> {
  const label = labels(profile, root);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label.get(at) ?? '?';
      if (key.startsWith('(') || /\((native|node:)|node_modules\//.test(key) || seen.has(key)) continue;
      seen.add(key);
      out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return out;
}

/** The top `n` entries of a self-time map as text lines with their share of the total. */
export function topLines(
  times: Map<string, number>,
  n: number,
  total = [...times.values()].reduce((s, v) => s + v, 0),
): string[] {
  return [...times.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(0).padStart(8)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

function main(dir: string, n: number): void {
  const all = new Map<string, number>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const times = selfTimes(profile);
    const total = [...times.values()].reduce((s, v) => s + v, 0);
    console.log(`\n== ${file}: ${total.toFixed(0)} ms sampled; self time`);
    for (const line of topLines(times, n)) console.log(line);
    console.log(`-- inclusive time (project functions; % of the thread's samples)`);
    for (const line of topLines(inclusiveTimes(profile), n, total)) console.log(line);
    for (const [k, v] of times) all.set(k, (all.get(k) ?? 0) + v);
  }
  console.log('\n== all threads');
  for (const line of topLines(all, n)) console.log(line);
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) {
  const [dir, top] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node --import tsx bench/profile-top.ts DIR [TOP]');
  main(dir, Number(top ?? 25));
}
