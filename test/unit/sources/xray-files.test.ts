import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { xrayDocumentsFromText } from '../../../src/ingest/trace-documents.ts';
import { readTraceFiles } from '../../../src/sources/xray-files.ts';

const dir = tempDir('tightrole-xray-files-');
const segment = JSON.stringify({ trace_id: '1-6920a000-000000000000000000000001', id: 'a', name: 'fn' });

describe('trace file reader', () => {
  it('reads plain and gzip files and stdin; reports unreadable ones without throwing', async () => {
    writeFileSync(join(dir, 'a.json'), segment);
    writeFileSync(join(dir, 'b.json.gz'), gzipSync(`${segment}\n${segment}\n`));
    writeFileSync(join(dir, 'c.json.gz'), 'not gzip');
    const files = ['a.json', 'b.json.gz', 'c.json.gz', 'missing.json'].map((f) => join(dir, f));
    const out = [];
    for await (const f of readTraceFiles([...files, '-'], xrayDocumentsFromText, {
      readStdin: async () => new TextEncoder().encode(segment),
    }))
      out.push([f.documents.length, f.problem ?? null]);
    expect(out).to.deep.equal([
      [1, null],
      [2, null],
      [0, 'not gzip data, though the name ends in .gz'],
      [0, 'cannot read: ENOENT'],
      [1, null],
    ]);
  });
});
