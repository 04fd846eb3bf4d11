import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every temp folder a test run makes lives under one root, removed when the run ends (pass or fail),
// so no run leaves folders behind in the system temp folder.
let root: string | undefined;

function runRoot(): string {
  if (!root) {
    const made = mkdtempSync(join(tmpdir(), 'tightrole-tests-'));
    root = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return root;
}

/** A fresh, empty folder for one test; removed with the whole run's root at process exit. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(runRoot(), prefix));
}

/** The folder all of this run's temp folders live in (tests of the cleanup itself use it). */
export function tempRoot(): string {
  return runRoot();
}
