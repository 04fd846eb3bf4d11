import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InternalError } from '../errors.ts';

export interface OutputFile {
  /** Untrusted base name (e.g. a role name from a log); sanitized here. */
  name: string;
  extension: string;
  content: string;
}

const MAX_NAME = 100;

/**
 * Writes files into DIR, never outside it whatever the names, each atomically (temp file + rename),
 * so an interrupted run leaves no half-written file. Returns the paths written.
 */
export async function writeOutputFiles(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  const names = uniqueFileNames(files.map((f) => `${safeFileName(f.name)}${f.extension}`));
  const written: string[] = [];
  for (const [i, file] of files.entries()) {
    const target = join(root, names[i]!);
    const rel = relative(root, target);
    if (rel.startsWith('..') || isAbsolute(rel) || rel.includes('/')) {
      throw new InternalError(`refusing to write outside ${root}: ${JSON.stringify(names[i])}`);
    }
    const temp = join(root, `.${names[i]}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, file.content, { flag: 'wx' });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    written.push(target);
  }
  return written;
}

/** A file-name stem from untrusted text: IAM name characters only, no dot-files, bounded length. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9+=,@_-]/g, '_').replace(/^[_.]+/, '');
  return (cleaned || 'policy').slice(0, MAX_NAME);
}

function uniqueFileNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const key = name.toLowerCase();
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n === 0) return name;
    const dot = name.indexOf('.');
    return `${name.slice(0, dot)}-${n + 1}${name.slice(dot)}`;
  });
}
