import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { escapeForTerminal, escapeForTerminalKeepingLines } from '../../src/render/terminal.ts';
import { cloudTrailRecord } from '../support/records.ts';
import { runCli, SAMPLES } from '../support/run-cli.ts';

describe('e2e: every CLI error is one clear message and an exit code', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir('tightrole-err-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a usage error spanning lines keeps its line breaks (no literal \\x0a)', async () => {
    const run = await runCli(['generate', '--cloudtrail', dir, '--format', 'yaml']);
    expect(run.code).to.equal(2);
    expect(run.stderr).not.to.include('\\x0a');
    expect(run.stderr).to.match(/Invalid values:\n/);
    expect(run.stderr).to.include('Run with --help for usage.');
  });

  it('--out naming a file: a usage error before any reading, no stack trace', async () => {
    const file = join(dir, 'policies.json');
    writeFileSync(file, '');
    const run = await runCli(['generate', '--cloudtrail', join(SAMPLES, 'cloudtrail'), '--out', file]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include(`--out ${file}: is a file; --out names a folder`);
    expect(run.stderr).not.to.match(/^\s+at /m);
    expect(run.stderr).not.to.include('file(s)');
  });

  it('a file-system error (a --report in a missing folder) is one line naming the path, exit 1', async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: [cloudTrailRecord()] }));
    const report = join(dir, 'missing', 'report.json');
    const run = await runCli(['generate', '--cloudtrail', dir, '--report', report]);
    expect(run.code).to.equal(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).to.equal(`tightrole: ${report}: no such file or directory (ENOENT on open)`);
    expect(run.stderr).not.to.match(/^\s+at /m);
  });

  it('roles with no role sessions prints a message, not an empty table', async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: [] }));
    const run = await runCli(['roles', '--cloudtrail', dir]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.include('tightrole: no role made a call in 0 record(s) from 1 file(s)');
  });

  it('roles with a window past the data says why it found no role, as generate does', async () => {
    const run = await runCli([
      'roles',
      '--cloudtrail',
      `${SAMPLES}cloudtrail`,
      '--since',
      '2030-01-01T00:00:00Z',
    ]);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(
      /no role made a call in 0 record\(s\) from 0 file\(s\): no file's delivery time falls in the window 2030-01-01T00:00:00(\.000)?Z/,
    );
  });

  it('diff shows the same progress line as generate when stderr is a terminal', async () => {
    const progress = async (args: string[]) => {
      let stderr = '';
      const io: CliIo = {
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
        readStdin: async () => new Uint8Array(),
        now: () => new Date('2026-11-25T00:00:00Z'),
        stderrIsTty: true,
        stdoutIsTty: false,
        env: {},
      };
      await main(args, io);
      // The last redraw of the progress line (the one that ends at 485/485 files).
      return (
        stderr
          .split('\r')
          .filter((l) => l.includes(' files, '))
          .at(-1) ?? ''
      );
    };
    const evidence = [
      '--cloudtrail',
      join(SAMPLES, 'cloudtrail'),
      '--role',
      'receipt-worker-role',
      '--jobs',
      '1',
    ];
    const current = ['--current', join(SAMPLES, 'current-policies', 'receipt-worker-role.json')];
    const fromGenerate = await progress(['generate', ...evidence]);
    const fromDiff = await progress(['diff', ...evidence, ...current]);
    expect(fromGenerate).to.match(/^485\/485 files/);
    const shape = (line: string) => line.replace(/\d+(\.\d+)?/g, 'N');
    expect(shape(fromDiff)).to.equal(shape(fromGenerate));
  });

  it('U+2028 and U+2029 never reach the terminal raw; line breaks kept only where asked', () => {
    expect(escapeForTerminal('a\u2028b\u2029c\nd')).to.equal('a\\u2028b\\u2029c\\x0ad');
    expect(escapeForTerminalKeepingLines('a\u2028b\r\nc\u001b[2J')).to.equal('a\\u2028b\\x0d\nc\\x1b[2J');
  });
});
