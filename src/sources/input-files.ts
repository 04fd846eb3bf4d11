import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files a path list names: a file as given, a directory's files ending in `extension` (sorted;
 * below it too when `recursive`). A missing path, or a directory with no such file, is a problem
 * pushed to `problems` (naming the path), never an exception.
 */
export async function inputFiles(
  paths: readonly string[],
  extension: string,
  options: { recursive: boolean },
  problems: string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) problems.push(`${path}: no such file or directory`);
    else if (!info.isDirectory()) out.push(path);
    else {
      const entries = await readdir(path, { recursive: options.recursive, withFileTypes: true });
      const names = entries
        .filter((e) => e.isFile() && e.name.endsWith(extension))
        .map((e) => join(e.parentPath, e.name))
        .sort();
      if (names.length === 0) problems.push(`${path}: a directory without *${extension} files`);
      out.push(...names);
    }
  }
  return out;
}
