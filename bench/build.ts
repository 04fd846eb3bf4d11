import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the freshness check found and did. */
export interface BuildCheck {
  action: 'fresh' | 'built' | 'stale (build failed)';
  reason: string;
}

function newestMtime(dir: string): { ms: number; file: string } {
  let best = { ms: 0, file: '' };
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    const candidate = st.isDirectory() ? newestMtime(path) : { ms: st.mtimeMs, file: path };
    if (candidate.ms > best.ms) best = candidate;
  }
  return best;
}

/**
 * Makes sure `dist/` (what `bin/tightrole.js` runs) is built from the current `src/`: runs
 * `npm run build` when dist/cli/main.js is missing or older than the newest file in src/. A failed
 * build with an existing dist/ is reported and the old dist/ is used; with no dist/ it throws.
 */
export function ensureBuilt(repo: string, log: (line: string) => void): BuildCheck {
  const entry = join(repo, 'dist', 'cli', 'main.js');
  const src = newestMtime(join(repo, 'src'));
  const builtMs = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (builtMs >= src.ms) return { action: 'fresh', reason: 'dist/ is newer than src/' };
  const reason =
    builtMs === 0 ? 'dist/ is missing' : `dist/ is older than ${src.file.slice(repo.length + 1)}`;
  log(`${reason}: running npm run build`);
  const run = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8' });
  if (run.status === 0) return { action: 'built', reason };
  log(`npm run build failed (exit ${run.status}):\n${(run.stdout + run.stderr).trim().slice(-2000)}`);
  if (builtMs === 0) throw new Error('npm run build failed and there is no dist/ to measure');
  return { action: 'stale (build failed)', reason };
}
