import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// DESIGN.md dependency rules, checked by scanning import specifiers.
const SRC = new URL('../../src/', import.meta.url).pathname;
const CORE = [
  'model',
  'catalog',
  'ingest',
  'facts',
  'reduce',
  'policy',
  'current',
  'diff',
  'audit',
  'render',
];
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

/**
 * Layer directions inside and around the core: `from` never imports `to`. Readers hand raw records to
 * the parsers (sources -/-> ingest), parsers hand observations to the aggregation (ingest -/-> facts),
 * aggregation knows nothing of reduce (facts -/-> reduce), and current-policy parsing lives in
 * src/current/, not in diff (sources, aws -/-> diff).
 */
const WRONG_WAY: readonly (readonly [from: string, to: string])[] = [
  ['sources', 'diff'],
  ['aws', 'diff'],
  ['facts', 'reduce'],
  ['ingest', 'facts'],
  ['sources', 'ingest'],
  ['current', 'diff'],
];

/**
 * Today's exceptions to WRONG_WAY, each `file imports spec`. Pending another branch's move; empty this
 * list as they land (the test also fails when an entry no longer occurs, so it cannot go stale).
 * - the trace-document decoders (ingest/trace-documents.ts, like cloudtrail-shapes) belong there too.
 */
const PENDING_WRONG_WAY: readonly string[] = [];

function isWrongWay(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return false;
  const from = layerOf(file);
  const to = layerOf(join(file, '..', spec));
  return WRONG_WAY.some(([a, b]) => a === from && b === to);
}

function wrongWayImports(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((spec) => isWrongWay(file, spec))
      .map((spec) => `${relative(SRC, file)} imports ${spec}`),
  );
}

/** Import cycles between files (type-only imports included), each as its files sorted and joined by ` <-> `. */
function importCycles(files: readonly string[]): string[] {
  const edges = new Map(
    files.map((f) => [
      f,
      importsOf(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => join(f, '..', s)),
    ]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[] = [];
  // Tarjan's strongly connected components: a component of two or more files is a cycle.
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) visit(w);
      if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.push(w);
    if (component.length > 1)
      cycles.push(
        component
          .map((f) => relative(SRC, f))
          .sort()
          .join(' <-> '),
      );
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles.sort();
}

/** Today's import cycles (type-only both): in the other branches' files; empty this as they go. */
const PENDING_CYCLES: readonly string[] = [];

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

  it('keeps the layer directions (sources, aws -/-> diff; facts -/-> reduce; ingest -/-> facts; sources -/-> ingest)', () => {
    const offences = wrongWayImports(files).filter((o) => !PENDING_WRONG_WAY.includes(o));
    expect(offences).to.deep.equal([]);
  });

  it('lists only wrong-way imports that still occur as pending', () => {
    const found = new Set(wrongWayImports(files));
    expect(PENDING_WRONG_WAY.filter((p) => !found.has(p))).to.deep.equal([]);
  });

  it('tells a wrong-way import from a right-way one (the rule is not blind)', () => {
    expect(isWrongWay(join(SRC, 'facts/store.ts'), '../reduce/generalize.ts')).to.equal(true);
    expect(isWrongWay(join(SRC, 'sources/reader.ts'), '../ingest/scanner.ts')).to.equal(true);
    expect(isWrongWay(join(SRC, 'reduce/reduce.ts'), '../facts/fact-store.ts')).to.equal(false);
    expect(isWrongWay(join(SRC, 'sources/current-policies.ts'), '../current/types.ts')).to.equal(false);
  });

  it('has no import cycles but the pending ones (current-policy parsing had one)', () => {
    expect(importCycles(files)).to.deep.equal([...PENDING_CYCLES]);
  });

  it('lets only src/cli touch process', () => {
    const offences = files
      .filter((f) => layerOf(f) !== 'cli' && /\bprocess\.(?!env\b)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offences).to.deep.equal([]);
  });
});
