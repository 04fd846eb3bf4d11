import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

const ROOT = new URL('../../', import.meta.url).pathname;
const TEXT = readFileSync(join(ROOT, 'action.yml'), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
}

/** action.yml read by a strict YAML 1.2 parser: no duplicate keys, no warnings, no errors. */
function strictAction(): Action {
  const doc = YAML.parseDocument(TEXT, {
    version: '1.2',
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
  });
  expect(doc.errors.map(String)).to.deep.equal([]);
  expect(doc.warnings.map(String)).to.deep.equal([]);
  return doc.toJS() as Action;
}

describe('action.yml (the pull-request Action)', () => {
  const action = strictAction();
  const step = (id: string) => action.runs.steps.find((s) => s.id === id)!;

  it('is a composite action whose every run step names its shell', () => {
    expect(action.runs.using).to.equal('composite');
    for (const s of action.runs.steps) if (s.run) expect(s.shell, s.run.slice(0, 40)).to.equal('bash');
  });

  it("never changes the caller's Node version", () => {
    expect(action.runs.steps.filter((s) => s.uses?.includes('setup-node'))).to.deep.equal([]);
    expect(action.inputs).not.to.have.property('node-version');
  });

  it('splices no expression into a script (inputs reach bash through env only)', () => {
    for (const s of action.runs.steps) if (s.run) expect(s.run).not.to.include('${{');
  });

  it('declares every input it uses', () => {
    const used = [...TEXT.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!);
    for (const name of used) expect(action.inputs, name).to.have.property(name);
  });

  it("runs from the Action's own checkout by default; a published version only when asked", () => {
    expect(action.inputs['version']!.default).to.equal('');
    expect(step('diff').run).to.include('node "$GITHUB_ACTION_PATH/bin/tightrole.js"');
    expect(step('install').run).to.include('cd "$GITHUB_ACTION_PATH" && npm ci');
    for (const path of ['bin/tightrole.js', 'scripts/pr-comment.mjs'])
      expect(existsSync(join(ROOT, path))).to.equal(true);
  });

  it('finds its comment by marker, not by author', () => {
    const comment = action.runs.steps.find((s) => s.run?.includes('pr-comment.mjs'))!;
    expect(comment.run).not.to.include('--author');
    expect(comment.env?.['GH_TOKEN']).to.equal('${{ inputs.github-token }}');
  });

  describe('the diff step, run by bash as the runner would (on samples/)', function () {
    const temp: string[] = [];
    before(function () {
      if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) this.skip();
    });
    after(() => {
      for (const d of temp) rmSync(d, { recursive: true, force: true });
    });

    function runDiffStep(runnerTemp: string): Record<string, string> {
      const outputFile = join(runnerTemp, 'github-output');
      const result = spawnSync('bash', ['-c', step('diff').run!], {
        encoding: 'utf8',
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'] ?? '',
          GITHUB_ACTION_PATH: ROOT,
          GITHUB_OUTPUT: outputFile,
          RUNNER_TEMP: runnerTemp,
          TR_CLOUDTRAIL: 'samples/cloudtrail',
          TR_ROLES: 'receipt-worker-role\n',
          TR_CURRENT: 'samples/current-policies/{role}.json',
          TR_FROM_IAM: 'false',
          TR_ARGS: '--jobs 1',
          TR_VERSION: '',
        },
      });
      expect(result.status, result.stderr).to.equal(0);
      return Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('=', 2) as [string, string]),
      );
    }

    it('writes the report into a fresh folder on every run', function () {
      this.timeout(120_000);
      const runnerTemp = tempDir('tightrole-runner-');
      temp.push(runnerTemp);
      const first = runDiffStep(runnerTemp);
      const second = runDiffStep(runnerTemp);
      expect(first['changed']).to.equal('true');
      expect(first['reports']).not.to.equal(second['reports']);
      for (const out of [first['reports']!, second['reports']!]) {
        expect(out.startsWith(runnerTemp)).to.equal(true);
        expect(readdirSync(out)).to.deep.equal(['1.md']);
        expect(readFileSync(join(out, '1.md'), 'utf8')).to.include('receipt-worker-role');
      }
    });
  });
});
