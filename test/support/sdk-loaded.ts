/**
 * Child-process probe: runs the CLI in this process with the given arguments, then prints how many
 * AWS SDK modules were loaded (the SDK clients resolve to CommonJS under Node, so they appear in
 * the require cache). Used by test/e2e/startup.test.ts.
 */
import { createRequire } from 'node:module';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

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
const cache = createRequire(import.meta.url).cache;
process.stdout.write(`${Object.keys(cache).filter((k) => k.includes('@aws-sdk')).length}\n`);
