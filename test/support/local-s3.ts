import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of s3rver (no types published) the tests use. */
interface S3rverStore {
  listObjects(bucket: string, options: ListOptions): Promise<ListResult>;
}
interface ListOptions {
  delimiter?: string;
  prefix?: string;
  startAfter?: string;
  maxKeys?: number;
}
interface ListResult {
  objects: { key: string }[];
  commonPrefixes: string[];
  isTruncated: boolean;
}
interface S3rverInstance {
  store: S3rverStore;
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

/** s3rver accepts only its own fixed (fake) key pair. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A real S3-compatible server (s3rver) on 127.0.0.1, random port, temporary directory. */
export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts s3rver with the named buckets; `close()` stops it and removes its directory. */
export async function startLocalS3(buckets: readonly string[]): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'tightrole-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  fixDelimiterListing(server.store);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

// s3rver 3.7.1 stops walking directories below a common prefix before it has seen the keys that
// make that prefix, so Delimiter listings of nested keys come back empty. List flat, then group.
function fixDelimiterListing(store: S3rverStore): void {
  const original = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    if (!options.delimiter) return original(bucket, options);
    const prefix = options.prefix ?? '';
    const flat = await original(bucket, { ...options, delimiter: '', maxKeys: Infinity });
    const commonPrefixes = new Set<string>();
    const objects = flat.objects.filter((o) => {
      const at = o.key.slice(prefix.length).indexOf(options.delimiter!);
      if (at >= 0) commonPrefixes.add(o.key.slice(0, prefix.length + at + 1));
      return at < 0;
    });
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated: false };
  };
}
