import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An S3 object version as the cache knows it: the ETag changes whenever the content does. */
export interface CachedObjectId {
  bucket: string;
  key: string;
  etag: string;
}

/** Downloaded objects kept between runs, so a re-run downloads nothing. */
export interface ObjectCache {
  read(id: CachedObjectId): Promise<Uint8Array | undefined>;
  /** Best effort: a full disk or a read-only directory only costs the next run a download. */
  write(id: CachedObjectId, bytes: Uint8Array): Promise<void>;
}

/** `$XDG_CACHE_HOME/tightrole`, else `~/.cache/tightrole`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env['XDG_CACHE_HOME'];
  return xdg && xdg.startsWith('/') ? join(xdg, 'tightrole') : join(home, '.cache', 'tightrole');
}

/** The cache file of an object: a hash of bucket, key and ETag (no user text reaches the path). */
export function cachePath(dir: string, id: CachedObjectId): string {
  const hash = createHash('sha256').update(`${id.bucket}\n${id.key}\n${id.etag}`).digest('hex');
  return join(dir, 's3', hash.slice(0, 2), `${hash}.bin`);
}

/** A cache in a directory; files are written to a temporary name and renamed (never half-written). */
export function directoryCache(dir: string): ObjectCache {
  return {
    async read(id) {
      if (!id.etag) return undefined;
      return readFile(cachePath(dir, id)).catch(() => undefined);
    },
    async write(id, bytes) {
      if (!id.etag) return;
      const path = cachePath(dir, id);
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(temp, bytes);
        await rename(temp, path);
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}
