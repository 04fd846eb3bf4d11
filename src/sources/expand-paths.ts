import type { TimeWindow } from '../model/time-window.ts';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';

const EVIDENCE_FILE = /\.(?:json|jsonl|ndjson)(?:\.gz)?$/i;

/** A folder entry left out of a walk, with why (reported: nothing is skipped silently). */
export interface SkippedPath {
  file: string;
  reason: string;
}

/**
 * PATH arguments -> the files to read, in a stable order: a file as given, a directory recursively
 * (`*.json`, `*.json.gz`, `*.jsonl`), `-` for stdin. A path that does not exist is a usage problem.
 * Symbolic links inside a directory are not followed (one could point anywhere, or loop); each is
 * passed to `onSkipped`. Listing is linear in the entries (one sort per directory).
 */
export async function expandPaths(
  paths: readonly string[],
  onSkipped?: (skipped: SkippedPath) => void,
): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if (path === '-' || path.startsWith('s3://')) {
      out.push(path);
      continue;
    }
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new InputError(`${path}: no such file or directory`);
    if (info.isDirectory()) await walk(path, out, onSkipped);
    else out.push(path);
  }
  return out;
}

async function walk(dir: string, out: string[], onSkipped?: (skipped: SkippedPath) => void): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out, onSkipped);
    else if (entry.isFile() && EVIDENCE_FILE.test(entry.name)) out.push(path);
    else if (entry.isSymbolicLink() && (EVIDENCE_FILE.test(entry.name) || (await isDirectory(path))))
      onSkipped?.({ file: path, reason: 'symbolic link not followed; name its target to read it' });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The delivery time in a CloudTrail file name (`..._CloudTrail_eu-west-1_20261120T1305Z_x.json.gz`). */
export function deliveredAt(path: string): string | undefined {
  const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[^/]*$/.exec(path);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00.000Z` : undefined;
}

// CloudTrail delivers a file a few minutes after its events, occasionally much later; a file delivered
// more than this after --until may still hold events before it, so only later files are skipped.
const LATE_DELIVERY_MS = 6 * 60 * 60 * 1000;

/** True when the file's delivery time proves it holds no event inside [since, until]. */
export function fileOutsideWindow(path: string, window: TimeWindow): boolean {
  const { since, until } = window;
  const at = deliveredAt(path);
  if (!at) return false;
  if (since && at < since) return true;
  return until !== undefined && Date.parse(at) > Date.parse(until) + LATE_DELIVERY_MS;
}

/** Sizes in bytes of local files (0 for stdin, s3:// and unreadable paths), for progress. */
export async function fileSizes(files: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const file of files) sizes.set(file, (await stat(file).catch(() => undefined))?.size ?? 0);
  return sizes;
}
