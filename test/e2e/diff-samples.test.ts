import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_GENERATE_OPTIONS, generate } from '../../src/app/generate.ts';
import { unescapeIamValue } from '../../src/catalog/arn-template.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { compareRole } from '../../src/diff/compare.ts';
import { indexActions } from '../../src/diff/expand.ts';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';
import { renderPolicyJson } from '../../src/render/json.ts';
import { readCurrentPolicyFiles } from '../../src/sources/current-policies.ts';
import { realCatalog } from '../support/catalog.ts';
import { expectGolden } from '../support/local-golden.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';

const ROLES = ['orders-api-role', 'receipt-worker-role', 'nightly-report-role'];
const FORMATS = { text: 'txt', markdown: 'md', json: 'json' } as const;
const args = (role: string, ...extra: string[]) => [
  'diff',
  '--cloudtrail',
  `${SAMPLES}cloudtrail`,
  '--role',
  role,
  '--current',
  `${SAMPLES}current-policies/${role}.json`,
  ...extra,
];

describe('e2e: tightrole diff on the samples', function () {
  this.timeout(120_000);

  it('lists no log write of a Lambda role as unused: they are inferred platform grants', async () => {
    for (const role of ROLES) {
      const run = await runCli(args(role, '--format', 'json', '--jobs', '1'));
      expect(run.code, run.stderr).to.equal(0);
      const diff = JSON.parse(run.stdout) as {
        unused: { actions: string[] }[];
        notVisible: { action: string }[];
        inferred: { action: string; baseline: string }[];
      };
      const unused = diff.unused.flatMap((g) => g.actions);
      const logWrites = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
      expect(
        unused.filter((a) => logWrites.includes(a)),
        role,
      ).to.deep.equal([]);
      expect(
        diff.inferred.map((g) => [g.action, g.baseline]),
        role,
      ).to.deep.equal(logWrites.map((a) => [a, 'lambda-logs']));
    }
  });

  it('with --no-baseline, logs:PutLogEvents is "not visible in this evidence", never unused', async () => {
    const run = await runCli(args('orders-api-role', '--format', 'json', '--jobs', '1', '--no-baseline'));
    expect(run.code, run.stderr).to.equal(0);
    const diff = JSON.parse(run.stdout) as {
      unused: { actions: string[] }[];
      notVisible: { action: string }[];
    };
    expect(diff.notVisible.map((n) => n.action)).to.include('logs:PutLogEvents');
    expect(diff.unused.flatMap((g) => g.actions)).not.to.include('logs:PutLogEvents');
  });

  for (const role of ROLES) {
    for (const [format, ext] of Object.entries(FORMATS)) {
      it(`${role} --format ${format} matches test/golden/diff/${role}.${ext}`, async () => {
        const run = await runCli(args(role, '--format', format, '--jobs', '1'));
        expect(run.code, run.stderr).to.equal(0);
        // Absolute sample paths differ per checkout: the golden files hold them relative.
        await expectGolden(`diff/${role}.${ext}`, run.stdout.replaceAll(SAMPLES, 'samples/'));
      });
    }
  }

  it('exits 3 with --exit-code when the proposal differs, 0 when the current policy is the proposal', async () => {
    const role = 'nightly-report-role';
    expect((await runCli(args(role, '--exit-code', '--format', 'json', '--jobs', '1'))).code).to.equal(3);
    const generated = await runCli([
      'generate',
      '--cloudtrail',
      `${SAMPLES}cloudtrail`,
      '--role',
      role,
      '--jobs',
      '1',
    ]);
    const dir = tempDir('tightrole-diff-');
    try {
      await writeFile(join(dir, 'proposal.json'), generated.stdout);
      const same = await runCli([
        'diff',
        '--cloudtrail',
        `${SAMPLES}cloudtrail`,
        '--role',
        role,
        '--current',
        join(dir, 'proposal.json'),
        '--exit-code',
        '--jobs',
        '1',
      ]);
      expect(same.code, same.stderr).to.equal(0);
      expect(same.stdout).to.include('(no change)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing role, several roles, or both or neither current source (exit 2)', async () => {
    const base = ['diff', '--cloudtrail', `${SAMPLES}cloudtrail`];
    expect((await runCli([...base, '--current', 'x.json'])).code).to.equal(2);
    expect((await runCli([...base, '--role', 'a', '--role', 'b', '--current', 'x.json'])).code).to.equal(2);
    const both = await runCli([...base, '--role', 'a', '--current', 'x.json', '--current-from-iam']);
    expect([both.code, both.stderr]).to.deep.equal([
      2,
      'tightrole: give the current policies with --current FILE... or --current-from-iam (one of them)\nRun with --help for usage.\n',
    ]);
    expect((await runCli([...base, '--role', 'a'])).code).to.equal(2);
  });

  it('colours text only on a TTY without NO_COLOR', async () => {
    const output = async (tty: boolean, env: Record<string, string>) => {
      let stdout = '';
      const io: CliIo = {
        stdout: (t) => void (stdout += t),
        stderr: () => undefined,
        readStdin: async () => new Uint8Array(),
        now: () => new Date('2026-11-25T00:00:00Z'),
        stderrIsTty: false,
        stdoutIsTty: tty,
        env,
      };
      expect(await main(args('nightly-report-role', '--jobs', '1'), io)).to.equal(0);
      return stdout;
    };
    expect(await output(true, {})).to.include('\u001b[1m');
    expect(await output(true, { NO_COLOR: '1' })).to.not.include('\u001b[');
    expect(await output(false, {})).to.not.include('\u001b[');
  });
});

describe('e2e: evaluator cross-check on the samples', function () {
  this.timeout(120_000);

  for (const role of ROLES) {
    it(`${role}: the proposal and the (broad) current policies both allow every successful call; the proposal diffed with itself is empty`, async () => {
      const catalog = await realCatalog();
      const { results, facts } = await generate(
        { ...DEFAULT_GENERATE_OPTIONS, cloudtrail: [`${SAMPLES}cloudtrail`], roles: [role] },
        { catalog },
      );
      const proposal = results[0]!;
      const current = await readCurrentPolicyFiles(
        [`${SAMPLES}current-policies/${role}.json`],
        proposal.principal,
      );
      const refused = (docs: readonly PolicyDocument[]) =>
        facts
          .filter((f) => f.principal === proposal.principal && f.outcome === 'allowed')
          .flatMap((f) => (f.resources === '*' ? ['*'] : f.resources).map((r) => ({ f, r })))
          .filter(
            ({ f, r }) =>
              evaluateRequest(docs, {
                action: f.action,
                resource: r === '*' ? r : unescapeIamValue(r),
                context: f.context,
              }).decision !== 'allowed',
          )
          .map(({ f, r }) => `${f.action} ${r}`);
      expect(refused(proposal.documents)).to.deep.equal([]);
      expect(refused(current.policies.map((p) => p.document))).to.deep.equal([]);

      await catalog.ensureAll();
      const self = compareRole({
        role: proposal.principal,
        current: {
          policies: proposal.documents.map((document) => ({
            name: 'proposal',
            kind: 'document',
            origin: 'test',
            document,
          })),
          boundary: [],
          notes: [],
        },
        proposed: proposal.documents,
        facts,
        index: indexActions(catalog.loadedServices()),
      });
      expect(self.changed).to.equal(false);
      expect([self.unused, self.narrowing]).to.deep.equal([[], []]);
      expect(self.summary.before).to.deep.equal(self.summary.after);
      // Only AccessDenied calls from the logs remain: evidence, not a difference between the policies.
      expect(self.notGranted.filter((n) => n.outcome !== 'denied')).to.deep.equal([]);
      expect(renderPolicyJson(proposal.documents[0]!)).to.be.a('string');
    });
  }
});
