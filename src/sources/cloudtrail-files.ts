import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { TimeWindow } from '../model/time-window.ts';
import {
  decodeCloudTrailStream,
  decodeWholeFile,
  WHOLE_FILE_MAX_BYTES,
  type DecodedFile,
  type DecodeOptions,
} from './decode/decode-file.ts';
import { emptyDecoded } from './decode/decoded.ts';
import { fileOutsideWindow } from './expand-paths.ts';

/**
 * One file's worth of records (never more than one file in memory), or why it was skipped. A file
 * may come in several batches: the first counts the file, the others are `continued`; every
 * record carries its index in the file.
 */
export type FileBatch =
  | ({ kind: 'file'; file: string; continued?: boolean } & DecodedFile)
  | { kind: 'skipped-file'; file: string; reason: string };

/** A batch that holds only a problem with the file. */
export function problemBatch(file: string, problem: string, continued = false): FileBatch {
  return { kind: 'file', file, ...emptyDecoded(), problem, ...(continued ? { continued: true } : {}) };
}

export interface FileReadOptions {
  /** Files whose delivery time (in the name) proves them outside the window are not opened. */
  window?: TimeWindow;
  readStdin?: () => Promise<Uint8Array>;
  /** How each file is decoded: record size limit, raw-text test, file size limit. */
  decode?: DecodeOptions;
  /** Reads an `s3://bucket/prefix` path (several files); without it such a path is a problem. */
  readS3?: (url: string) => AsyncIterable<FileBatch>;
}

/** Reads local CloudTrail files one at a time; unreadable files become problems, never exceptions. */
export async function* readCloudTrailFiles(
  files: readonly string[],
  options: FileReadOptions,
): AsyncGenerator<FileBatch> {
  for (const file of files) {
    if (file.startsWith('s3://')) {
      if (options.readS3) yield* options.readS3(file);
      else yield problemBatch(file, 's3:// paths are read only by the CLI commands that take AWS options');
      continue;
    }
    if (options.window && fileOutsideWindow(file, options.window)) {
      yield { kind: 'skipped-file', file, reason: 'delivered outside --since/--until' };
      continue;
    }
    yield* streamFile(file, options);
  }
}

/** Reads one file in batches (whole when small, else streamed); the first batch counts the file. */
async function* streamFile(file: string, options: FileReadOptions): AsyncGenerator<FileBatch> {
  const decode = options.decode ?? {};
  const bytes = file === '-' ? undefined : smallFileBytes(file);
  const whole = bytes && decodeWholeFile(file, bytes, decode);
  const source =
    bytes ??
    (file === '-'
      ? [await (options.readStdin?.() ?? Promise.resolve(new Uint8Array()))]
      : createReadStream(file));
  let first = true;
  try {
    for await (const part of whole ??
      decodeCloudTrailStream(file, source instanceof Uint8Array ? [source] : source, decode)) {
      yield { kind: 'file', file, ...part, ...(first ? {} : { continued: true }) };
      first = false;
    }
  } catch (error) {
    const reason = `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    yield problemBatch(file, reason, !first);
  }
}

/** Each local file's size in bytes (0 when it cannot be read: its reader reports that). */
export function localFileSizes(files: readonly string[]): number[] {
  return files.map((file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  });
}

/** A regular file small enough to decode whole; undefined otherwise (streamed, errors reported there). */
function smallFileBytes(file: string): Uint8Array | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() && stat.size <= WHOLE_FILE_MAX_BYTES ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}
