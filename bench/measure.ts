import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A finished child process: wall time, peak RSS and CPU time, and its output. */
export interface Measured {
  command: string[];
  exitCode: number | null;
  wallMs: number;
  /** Peak resident set size of the process (worker threads included: they share it). */
  peakRssKb: number;
  /** User + system CPU seconds, when /usr/bin/time reported them. */
  cpuSeconds?: number;
  /** How peak RSS was measured. */
  rssMethod: 'time -v' | 'proc VmHWM';
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `command` as a child process and measures it: with GNU `/usr/bin/time -v` when available
 * (maximum RSS from the kernel), else by polling `/proc/<pid>/status` VmHWM every 20 ms.
 */
export async function measure(command: string[], cwd: string): Promise<Measured> {
  return existsSync(GNU_TIME) ? measureWithTime(command, cwd) : measureWithProc(command, cwd);
}

async function measureWithTime(command: string[], cwd: string): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'tightrole-bench-'));
  const timeFile = join(dir, 'time.txt');
  try {
    const run = await runChild([GNU_TIME, '-v', '-o', timeFile, ...command], cwd);
    const text = readFileSync(timeFile, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}[^:]*:\\s*([\\d.]+)`).exec(text)?.[1] ?? NaN);
    return {
      ...run,
      command,
      peakRssKb: field('Maximum resident set size'),
      cpuSeconds: field('User time') + field('System time'),
      rssMethod: 'time -v',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureWithProc(command: string[], cwd: string): Promise<Measured> {
  let peakRssKb = 0;
  const run = await runChild(command, cwd, (pid) => {
    const status = readStatus(pid);
    const hwm = Number(/VmHWM:\s*(\d+)/.exec(status)?.[1] ?? 0);
    peakRssKb = Math.max(peakRssKb, hwm);
  });
  return { ...run, command, peakRssKb, rssMethod: 'proc VmHWM' };
}

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

interface ChildRun {
  exitCode: number | null;
  wallMs: number;
  stdout: string;
  stderr: string;
}

function runChild(command: string[], cwd: string, poll?: (pid: number) => void): Promise<ChildRun> {
  const [file, ...args] = command;
  const started = performance.now();
  const child = spawn(file!, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const timer = poll && child.pid ? setInterval(() => poll(child.pid!), 20) : undefined;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      if (timer) clearInterval(timer);
      resolve({
        exitCode,
        wallMs: performance.now() - started,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
