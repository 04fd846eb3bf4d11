import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));

/** Compares `actual` with test/golden/NAME; `UPDATE_GOLDEN=1` rewrites the file instead. */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = `${GOLDEN}${name}`;
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => undefined);
  expect(expected, `${name} is missing: run with UPDATE_GOLDEN=1`).to.not.equal(undefined);
  expect(actual).to.equal(expected);
}
