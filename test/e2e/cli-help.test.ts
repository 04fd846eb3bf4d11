import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** yargs prints help with console.log, so it is read from a real process, as a user sees it. */
let script = '';
const help = async (args: string[]) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args, '--help'], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).to.equal(0);
  return run.stdout;
};

/** The lines of the Examples: section (up to the next blank line). */
function exampleLines(text: string): string[] {
  const start = text.indexOf('\nExamples:\n');
  if (start < 0) return [];
  const rest = text.slice(start + '\nExamples:\n'.length);
  return rest
    .slice(0, rest.search(/\n\n|$/))
    .trimEnd()
    .split('\n');
}

describe('e2e: --help', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => {
    dir = tempDir('tightrole-help-');
    script = join(dir, 'cli.mjs');
    writeFileSync(
      script,
      `import { main } from ${JSON.stringify(MAIN)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  it('the top level has examples and the exit codes', async () => {
    const text = await help([]);
    expect(exampleLines(text).length).to.be.greaterThan(1);
    expect(text).to.include('Exit codes: 0 success');
    expect(text).to.match(/3 diff --exit-code found\s+changes/);
  });

  for (const command of ['generate', 'diff', 'roles', 'permissions', 'convert', 'audit', 'boundary']) {
    it(`${command}: the evidence flags come first, and no example is wrapped mid-command`, async () => {
      const text = await help([command]);
      const groups = [...text.matchAll(/^([A-Z][\w /]+):$/gm)].map((m) => m[1]);
      if (command !== 'convert' && command !== 'permissions') expect(groups[0]).to.equal('Evidence');
      const lines = exampleLines(text);
      expect(lines.length).to.be.greaterThan(0);
      lines.forEach((line, i) => {
        // A flag starts a line only where the command above ends in a shell continuation.
        if (/^ {2}--/.test(line)) expect(lines[i - 1], line).to.match(/ \\$/);
        else expect(line).to.match(/^ {2}(# |tightrole |aws )/);
      });
    });
  }
});
