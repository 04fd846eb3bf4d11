/**
 * Child-process probe: runs the CLI in this process with the given arguments, then prints every module
 * the run loaded, one URL or path a line: ES modules as a load hook saw them, CommonJS ones from the
 * require cache (the SDK clients and `yaml` resolve to CommonJS under Node). The hook writes to the
 * file named by MODULE_LOG. Used by test/e2e/startup.test.ts.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import type { CliIo } from '../../src/cli/io.ts';

const log = process.env['MODULE_LOG'];
if (!log) throw new Error('modules-loaded: set MODULE_LOG to a file path');
appendFileSync(log, '');
// Registered last, so it runs first and sees every URL (tsx's hooks resolve and load after it).
const hooks = `
  import { appendFileSync } from 'node:fs';
  let file;
  export function initialize(data) { file = data.log; }
  export async function load(url, context, next) { appendFileSync(file, url + '\\n'); return next(url, context); }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { log } });

// Imported only now, so the hook sees the CLI's whole module graph.
const { main } = await import('../../src/cli/main.ts');
const io: CliIo = {
  stdout: () => {},
  stderr: () => {},
  readStdin: async () => new Uint8Array(),
  now: () => new Date('2026-11-25T00:00:00Z'),
  stderrIsTty: false,
  stdoutIsTty: false,
  env: {},
};
await main(process.argv.slice(2), io);
const esm = readFileSync(log, 'utf8').split('\n').filter(Boolean);
const cjs = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(`${[...new Set([...esm, ...cjs])].join('\n')}\n`);
