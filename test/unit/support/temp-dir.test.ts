import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TEST_ROOT = new URL('../../', import.meta.url).pathname;
const HELPER = new URL('../../support/temp-dir.ts', import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('test hygiene: temp folders', () => {
  it('removes every temp folder of a run when the process exits', function () {
    this.timeout(30_000);
    const script = `
      import { writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { tempDir, tempRoot } from ${JSON.stringify(HELPER)};
      const dir = tempDir('probe-');
      writeFileSync(join(dir, 'file.txt'), 'x');
      console.log(tempRoot());
    `;
    const root = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    }).trim();
    expect(root).to.match(/tightrole-tests-/);
    expect(existsSync(root), `${root} left behind`).to.equal(false);
  });

  it('no test file makes a temp folder of its own (they use test/support/temp-dir.ts)', () => {
    const offenders = testFiles(TEST_ROOT)
      .filter((f) => /\bmkdtemp(?:Sync)?\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(TEST_ROOT, f));
    expect(offenders).to.deep.equal([]);
  });
});
