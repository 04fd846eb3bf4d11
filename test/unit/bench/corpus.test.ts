import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CORPUS_PARAMS, planFiles, type CorpusParams } from '../../../bench/corpus-plan.ts';
import { writeShare } from '../../../bench/corpus-worker.ts';
import { decodeCloudTrailBytes } from '../../../src/sources/decode/decode-file.ts';

const TINY: CorpusParams = { ...DEFAULT_CORPUS_PARAMS, events: 1200, minPerFile: 500, maxPerFile: 700 };

/** Writes a corpus in-thread into a fresh directory; returns the directory and its files' bytes. */
function writeTiny(params: CorpusParams): { root: string; files: Map<string, Buffer> } {
  const root = tempDir('bench-corpus-');
  const plans = planFiles(params);
  writeShare({ root, params, files: plans });
  return { root, files: new Map(plans.map((p) => [p.path, readFileSync(join(root, p.path))])) };
}

describe('bench corpus generator', () => {
  const roots: string[] = [];
  const tiny = (params: CorpusParams) => {
    const out = writeTiny(params);
    roots.push(out.root);
    return out.files;
  };
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('plans files in the S3 layout with the requested number of records', () => {
    const plans = planFiles(TINY);
    expect(plans).to.have.length(2);
    expect(plans.reduce((s, p) => s + p.records, 0)).to.equal(1200);
    for (const p of plans) {
      expect(p.path).to.match(
        /^AWSLogs\/\d{12}\/CloudTrail\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/\d{12}_CloudTrail_[a-z0-9-]+_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/,
      );
    }
  });

  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const a = tiny(TINY);
    const b = tiny(TINY);
    expect([...a.keys()]).to.deep.equal([...b.keys()]);
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).to.equal(true);
    const c = tiny({ ...TINY, seed: TINY.seed + 1 });
    expect([...c.values()][0]!.equals([...a.values()][0]!)).to.equal(false);
  });

  it("writes records tightrole's decoder reads, of realistic size, mostly function role sessions", async () => {
    const files = tiny(TINY);
    let records = 0;
    let chars = 0;
    let roleSessions = 0;
    for (const [path, bytes] of files) {
      const decoded = await decodeCloudTrailBytes(path, bytes);
      expect(decoded.problem, path).to.equal(undefined);
      expect(decoded.rejected, path).to.deep.equal([]);
      for (const value of decoded.records) {
        chars += JSON.stringify(value).length;
        const record = value as {
          userIdentity?: { sessionContext?: { sessionIssuer?: { arn?: string } } };
        };
        if (record.userIdentity?.sessionContext?.sessionIssuer?.arn?.includes(':role/')) roleSessions++;
        records++;
      }
    }
    expect(records).to.equal(1200);
    expect(chars / records).to.be.within(1200, 2000);
    expect(roleSessions / records).to.be.within(0.75, 0.95);
  });
});
