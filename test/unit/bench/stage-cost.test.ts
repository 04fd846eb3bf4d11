import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { DEFAULT_CORPUS_PARAMS, planFiles, type CorpusParams } from '../../../bench/corpus-plan.ts';
import { writeShare } from '../../../bench/corpus-worker.ts';
import { listGzipFiles } from '../../../bench/corpus.ts';
import { stageCost } from '../../../bench/stage-cost.ts';
import { tempDir } from '../../support/temp-dir.ts';

const TINY: CorpusParams = { ...DEFAULT_CORPUS_PARAMS, events: 1200, minPerFile: 500, maxPerFile: 700 };

describe('bench stage-cost (decode and ingest layers against the parse floor)', () => {
  let root = '';
  before(() => {
    root = tempDir('bench-stage-cost-');
    writeShare({ root, params: TINY, files: planFiles(TINY) });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('runs the three layers over the same records, in order, each with a CPU time', async function () {
    this.timeout(60_000);
    const costs = await stageCost(listGzipFiles(root), 1);
    expect(costs.map((c) => c.layer)).to.deep.equal([
      'baseline: gunzip + JSON.parse per file',
      'decode: tightrole reader',
      'ingest: decode + map + facts',
    ]);
    expect(costs.map((c) => c.records)).to.deep.equal([1200, 1200, 1200]);
    for (const c of costs) expect(c.cpuMs).to.be.greaterThan(0);
  });
});
