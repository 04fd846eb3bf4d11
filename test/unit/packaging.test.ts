import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  files: string[];
  engines: { node: string };
  exports: Record<string, Record<string, string>>;
};

describe('packaging', () => {
  it('ships the Apache-2.0 LICENSE it declares, in full', () => {
    expect(pkg.license).to.equal('Apache-2.0');
    expect(pkg.files).to.include('LICENSE');
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(text).to.match(/Apache License\s+Version 2\.0, January 2004/);
    expect(text).to.include('END OF TERMS AND CONDITIONS');
    expect(text).to.include('9. Accepting Warranty or Additional Liability.');
  });

  it('states the Node versions in engines and the README alike', () => {
    expect(pkg.engines.node).to.equal('>=20.19');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).to.include('Node.js 20.19 or later');
  });

  it('builds no source maps (they would point at src/, which is not shipped)', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    };
    expect(build.compilerOptions['sourceMap']).to.equal(false);
    expect(build.compilerOptions['declarationMap'] ?? false).to.equal(false);
    expect(pkg.files).not.to.include('src');
  });

  describe('the built package (dist/, from npm ci)', function () {
    let dir = '';
    before(function () {
      if (!existsSync(join(ROOT, 'dist', 'index.js'))) this.skip();
      dir = tempDir('tightrole-pkg-');
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules', 'tightrole'), 'dir');
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    const run = (args: string[]) =>
      execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    it("require('tightrole') works from CommonJS, as does import", () => {
      expect(run(['-e', "process.stdout.write(typeof require('tightrole').generate)"])).to.equal('function');
      expect(
        run([
          '--input-type=module',
          '-e',
          "import { generate } from 'tightrole'; process.stdout.write(typeof generate)",
        ]),
      ).to.equal('function');
    });

    it('lists no source map and the LICENSE in what npm would publish', function () {
      this.timeout(60_000);
      const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const [{ files }] = JSON.parse(out) as [{ files: { path: string }[] }];
      const paths = files.map((f) => f.path);
      expect(paths).to.include('LICENSE');
      expect(paths).to.include('dist/index.js');
      expect(paths.filter((p) => p.endsWith('.map'))).to.deep.equal([]);
    });
  });
});
