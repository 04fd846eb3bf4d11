import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InternalError } from '../errors.ts';

export interface OutputFile {
  /** The final file name, chosen by the caller (see render/role-name-schemes.ts); checked here. */
  fileName: string;
  content: string;
}

/** What a chosen name may look like: no separators, no dot-files, no `..`, bounded. */
const SAFE_NAME = /^[A-Za-z0-9+=,@-][A-Za-z0-9+=,@_.-]{0,254}$/;

/**
 * Writes files into DIR, never outside it, each atomically (temp file + rename), so an interrupted
 * run leaves no half-written file. Names are the caller's; a name that is unsafe, or that equals
 * another ignoring case (one file would overwrite another on a case-insensitive file system), is a
 * bug and nothing is written. Returns the paths written.
 */
export async function writeOutputFiles(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = resolve(dir);
  checkNames(root, files);
  await mkdir(root, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = join(root, file.fileName);
    const temp = join(root, `.${file.fileName}.${randomBytes(6).toString('hex')}.tmp`);
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

function checkNames(root: string, files: readonly OutputFile[]): void {
  const seen = new Set<string>();
  for (const { fileName } of files) {
    const rel = relative(root, join(root, fileName));
    if (!SAFE_NAME.test(fileName) || fileName.includes('..') || rel !== fileName || isAbsolute(rel)) {
      throw new InternalError(
        `refusing to write outside ${root} or a hidden file: ${JSON.stringify(fileName)}`,
      );
    }
    const key = fileName.toLowerCase();
    if (seen.has(key)) throw new InternalError(`two outputs named ${JSON.stringify(fileName)} in ${root}`);
    seen.add(key);
  }
}
