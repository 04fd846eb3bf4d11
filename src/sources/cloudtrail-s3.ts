import { isAccessDenied } from '../aws/errors.ts';
import type { S3ObjectInfo, S3Reader } from '../aws/s3.ts';
import { problemBatch, type FileBatch } from './cloudtrail-files.ts';
import { parseS3Url } from './cloudtrail-s3-layout.ts';
import { listTrailObjects, type TrailSelection } from './cloudtrail-s3-list.ts';
import { orderedPool } from './cloudtrail-s3-pool.ts';
import { decodeCloudTrailBytes, type DecodeOptions } from './decode/decode-file.ts';
import type { TransferProgress } from './progress.ts';
import type { ObjectCache } from './s3-cache.ts';

/** Options of the S3 trail reader; every field has a default. */
export interface S3TrailOptions extends TrailSelection {
  /** Downloads in flight. Default {@link DEFAULT_S3_CONCURRENCY}. */
  concurrency?: number;
  /** Default: no cache (every run downloads). */
  cache?: ObjectCache;
  /** Called after each file; the CLI prints it only when stderr is a terminal. */
  onProgress?: (progress: TransferProgress) => void;
  /** Milliseconds clock for progress rates. Default Date.now. */
  now?: () => number;
  /** How each object is decoded (as local files are). */
  decode?: DecodeOptions;
}

export const DEFAULT_S3_CONCURRENCY = 8;

interface Fetched {
  bytes: Uint8Array;
  cached: boolean;
}

async function fetchObject(
  reader: S3Reader,
  bucket: string,
  object: S3ObjectInfo,
  cache?: ObjectCache,
): Promise<Fetched> {
  const id = { bucket, key: object.key, etag: object.etag };
  const hit = await cache?.read(id);
  if (hit) return { bytes: hit, cached: true };
  const bytes = await reader.getObject(bucket, object.key);
  await cache?.write(id, bytes);
  return { bytes, cached: false };
}

/**
 * Reads a CloudTrail bucket (`s3://bucket/prefix`): lists only the folders the selection needs,
 * downloads with bounded concurrency (cache first), and yields one file's records at a time in key
 * order. A file that cannot be downloaded or decoded is a problem in its batch; a refused request
 * (AccessDenied) stops the run with an `AwsError` that says what to grant.
 */
export async function* readCloudTrailS3(
  url: string,
  reader: S3Reader,
  options: S3TrailOptions = {},
): AsyncGenerator<FileBatch> {
  const where = parseS3Url(url);
  const objects = await listTrailObjects(reader, where, options);
  const now = options.now ?? Date.now;
  const started = now();
  const progress: TransferProgress = {
    files: 0,
    totalFiles: objects.length,
    bytes: 0,
    totalBytes: 0,
    events: 0,
    cached: 0,
    elapsedMs: 0,
  };
  progress.totalBytes = objects.reduce((sum, o) => sum + o.size, 0);
  const fetch = (o: S3ObjectInfo) => fetchObject(reader, where.bucket, o, options.cache);
  let index = 0;
  for await (const settled of orderedPool(objects, options.concurrency ?? DEFAULT_S3_CONCURRENCY, fetch)) {
    const object = objects[index++]!;
    const file = `s3://${where.bucket}/${object.key}`;
    if (!settled.ok) {
      if (isAccessDenied(settled.error)) throw settled.error;
      yield problemBatch(file, `cannot download: ${(settled.error as Error).message}`);
      continue;
    }
    const decoded = await decodeCloudTrailBytes(object.key, settled.value.bytes, options.decode);
    Object.assign(progress, {
      files: progress.files + 1,
      bytes: progress.bytes + object.size,
      events: progress.events + decoded.records.length + decoded.rejected.length,
      cached: progress.cached + (settled.value.cached ? 1 : 0),
      elapsedMs: now() - started,
    });
    options.onProgress?.({ ...progress });
    yield { kind: 'file', file, ...decoded };
  }
}
