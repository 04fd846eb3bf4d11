import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from '../../bench/corpus.ts';
import { CORPORA, corpusCloudTrailRecords } from '../../scripts/lib/corpus-records.ts';
import { expectGolden } from '../support/local-golden.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// A refactoring's guard: the outputs of whole runs, as sha256 digests, compared with the ones
// recorded before it (test/golden/identity/*.json; `UPDATE_GOLDEN=1` records anew: only for a change
// of output that is meant, reviewed in the other goldens first). Each run writes --out, --report
// and --explain, so a change in any of them shows.

interface Digest {
  stdout: string;
  files: Record<string, string>;
}

function sha(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

// Reports name their input files: the checkout's own path and a temporary input folder vary by machine.
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Digests of every file under `root`, with the checkout and the input folder `scrub` written as placeholders. */
function treeDigests(root: string, scrub: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        let text = readFileSync(path, 'utf8').split(REPO).join('<repo>/');
        if (scrub !== undefined) text = text.split(scrub).join('<input>');
        out[relative(root, path)] = sha(text);
      }
    }
  };
  walk(root);
  return out;
}

async function digestOf(args: string[], scrub?: string): Promise<Digest> {
  const dir = tempDir('identity');
  const run = await runCli([
    'generate',
    ...args,
    '--out',
    join(dir, 'out'),
    '--report',
    join(dir, 'report.json'),
    '--explain',
  ]);
  expect(run.code, run.stderr).to.equal(0);
  return { stdout: sha(run.stdout), files: treeDigests(dir, scrub) };
}

async function expectIdentity(name: string, digests: Record<string, Digest>): Promise<void> {
  await expectGolden(`identity/${name}.json`, `${JSON.stringify(digests, null, 2)}\n`);
}

const CLOUDTRAIL = `${SAMPLES}cloudtrail`;
const TRACES = [
  '--xray',
  `${SAMPLES}traces/xray`,
  '--otel',
  `${SAMPLES}traces/otel`,
  '--function-roles-file',
  `${SAMPLES}traces/function-roles.json`,
];

describe('e2e: output identity (whole runs, byte for byte, against the recorded digests)', function () {
  this.timeout(300_000);

  it('samples/: CloudTrail, traces, both, and each generalization, on 1 and 2 threads', async () => {
    await expectIdentity('samples', {
      cloudtrail: await digestOf(['--cloudtrail', CLOUDTRAIL, '--jobs', '1']),
      'cloudtrail-jobs-2': await digestOf(['--cloudtrail', CLOUDTRAIL, '--jobs', '2']),
      traces: await digestOf(TRACES),
      both: await digestOf(['--cloudtrail', CLOUDTRAIL, ...TRACES, '--jobs', '1']),
      none: await digestOf(['--cloudtrail', CLOUDTRAIL, '--generalize', 'none', '--compact', '--jobs', '1']),
      aggressive: await digestOf(['--cloudtrail', CLOUDTRAIL, '--generalize', 'aggressive', '--jobs', '1']),
      terraform: await digestOf(['--cloudtrail', CLOUDTRAIL, '--format', 'terraform', '--jobs', '1']),
      window: await digestOf([
        '--cloudtrail',
        CLOUDTRAIL,
        '--since',
        '2026-11-19T00:00:00Z',
        '--until',
        '2026-11-21T00:00:00Z',
        '--role',
        'orders-api-role',
        '--jobs',
        '1',
      ]),
    });
  });

  (existsSync(CORPORA) ? it : it.skip)('../shared/corpora: every CloudTrail record as one file', async () => {
    const dir = tempDir('identity-corpora');
    const file = join(dir, 'corpora.json');
    writeFileSync(file, JSON.stringify({ Records: corpusCloudTrailRecords().map((r) => r.record) }));
    await expectIdentity('corpora', {
      all: await digestOf(['--cloudtrail', file, '--jobs', '1'], dir),
      'include-denied': await digestOf(['--cloudtrail', file, '--include-denied', '--jobs', '1'], dir),
    });
  });

  it('the benchmark corpus (20k events, generated deterministically), on 1 and 2 threads', async () => {
    const root = tempDir('identity-bench');
    const corpus = await ensureCorpus(20_000, 2, root);
    expect(corpus.manifest.records).to.equal(20_000);
    await expectIdentity('bench', {
      'jobs-1': await digestOf(['--cloudtrail', corpus.dir, '--jobs', '1'], root),
      'jobs-2': await digestOf(['--cloudtrail', corpus.dir, '--jobs', '2'], root),
    });
  });
});
