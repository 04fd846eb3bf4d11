import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandPaths, type SkippedPath } from '../../../src/sources/expand-paths.ts';

describe('expandPaths', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('tightrole-expand-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a folder of 5,000 files in code-unit order, recursively', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `f-${(i * 7919) % 5000}.json`);
    for (const n of names) writeFileSync(join(dir, n), '{}');
    mkdirSync(join(dir, 'B'));
    writeFileSync(join(dir, 'B', 'x.json.gz'), '');
    writeFileSync(join(dir, 'notes.txt'), '');
    const files = await expandPaths([dir]);
    const expected = [...names.map((n) => join(dir, n)), join(dir, 'B', 'x.json.gz')].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    expect(files).to.deep.equal(expected);
  });

  // Issue #19.11: a skipped link is reported, never dropped silently.
  it('reports symbolic links to evidence files and folders instead of following them', async () => {
    const outside = tempDir('tightrole-outside-');
    try {
      writeFileSync(join(outside, 'secret.json'), '{}');
      writeFileSync(join(dir, 'a.json'), '{}');
      symlinkSync(join(outside, 'secret.json'), join(dir, 'link.json'));
      symlinkSync(outside, join(dir, 'linked-dir'));
      symlinkSync(join(outside, 'secret.json'), join(dir, 'readme'));
      const skipped: SkippedPath[] = [];
      const files = await expandPaths([dir], (s) => skipped.push(s));
      expect(files).to.deep.equal([join(dir, 'a.json')]);
      expect(skipped.map((s) => s.file)).to.deep.equal([join(dir, 'link.json'), join(dir, 'linked-dir')]);
      expect(skipped[0]!.reason).to.match(/symbolic link not followed/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
