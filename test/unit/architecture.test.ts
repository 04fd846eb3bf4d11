import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// DESIGN.md dependency rules, checked by scanning import specifiers.
const SRC = new URL('../../src/', import.meta.url).pathname;
const CORE = ['model', 'catalog', 'ingest', 'facts', 'reduce', 'policy', 'diff', 'audit', 'render'];
const CORE_FORBIDDEN = [/^@aws-sdk\//, /^node:fs/, /^node:zlib/, /^yargs/, /^node:child_process/];
const CORE_FORBIDDEN_DIRS = ['sources', 'aws', 'app', 'cli'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

describe('architecture: dependency rules', () => {
  const files = tsFiles(SRC);

  it('finds the source tree', () => {
    expect(files.length).to.be.greaterThan(5);
  });

  it('keeps the core free of I/O, the SDK, the CLI and the edges', () => {
    const offences: string[] = [];
    for (const file of files.filter((f) => CORE.includes(layerOf(f)))) {
      for (const spec of importsOf(file)) {
        const bad =
          CORE_FORBIDDEN.some((re) => re.test(spec)) ||
          (spec.startsWith('.') && CORE_FORBIDDEN_DIRS.includes(layerOf(join(file, '..', spec))));
        if (bad) offences.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offences).to.deep.equal([]);
  });

  it('lets only src/aws import the AWS SDK', () => {
    const offences = files
      .filter((f) => layerOf(f) !== 'aws')
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith('@aws-sdk/'))
          .map((s) => `${relative(SRC, f)}: ${s}`),
      );
    expect(offences).to.deep.equal([]);
  });

  it('keeps src/model free of imports outside itself', () => {
    const offences = files
      .filter((f) => layerOf(f) === 'model')
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => !s.startsWith('./'))
          .map((s) => `${relative(SRC, f)}: ${s}`),
      );
    expect(offences).to.deep.equal([]);
  });

  it('lets only src/cli touch process', () => {
    const offences = files
      .filter((f) => layerOf(f) !== 'cli' && /\bprocess\.(?!env\b)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offences).to.deep.equal([]);
  });
});
