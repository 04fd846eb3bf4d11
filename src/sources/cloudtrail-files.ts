import { createReadStream, readFileSync, statSync } from 'node:fs';
import {
  decodeCloudTrailStream,
  decodeWholeFile,
  WHOLE_FILE_MAX_BYTES,
  type DecodedFile,
} from './decode/decode-file.ts';
import { fileOutsideWindow } from './expand-paths.ts';

/** One file's worth of raw records (never more than one file in memory), or why it was skipped. */
export type FileBatch =
  | ({ kind: 'file'; file: string; continued?: boolean; offset?: number } & DecodedFile)
  | { kind: 'skipped-file'; file: string; reason: string };

export interface FileReadOptions {
  since?: string;
  until?: string;
  readStdin?: () => Promise<Uint8Array>;
  /** Records longer than this many characters are skipped (never held in memory in streamed files). */
  maxRecordChars?: number;
  /** Decompressed bytes read of one file at most (DecodeOptions.maxFileBytes). */
  maxFileBytes?: number;
  /** Records may come back parsed (see DecodeOptions.parsedRecords). */
  parsedRecords?: boolean;
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
      else
        yield {
          kind: 'file',
          file,
          records: [],
          bad: [],
          problem: 's3:// paths are read only by the CLI commands that take AWS options',
        };
      continue;
    }
    if (fileOutsideWindow(file, options.since, options.until)) {
      yield { kind: 'skipped-file', file, reason: 'delivered outside --since/--until' };
      continue;
    }
    yield* streamFile(file, options);
  }
}

/** Reads one file in batches (whole when small, else streamed); the first batch counts the file. */
async function* streamFile(file: string, options: FileReadOptions): AsyncGenerator<FileBatch> {
  const decode = {
    maxRecordChars: options.maxRecordChars ?? Number.POSITIVE_INFINITY,
    parsedRecords: options.parsedRecords ?? false,
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
  };
  const bytes = file === '-' ? undefined : smallFileBytes(file);
  const whole = bytes && decodeWholeFile(file, bytes, decode);
  const source =
    bytes ??
    (file === '-'
      ? [await (options.readStdin?.() ?? Promise.resolve(new Uint8Array()))]
      : createReadStream(file));
  let offset = 0;
  let first = true;
  try {
    for await (const part of whole ??
      decodeCloudTrailStream(file, source instanceof Uint8Array ? [source] : source, decode)) {
      yield { kind: 'file', file, ...part, ...(first ? {} : { continued: true, offset }) };
      offset += (part.texts?.length ?? 0) + part.records.length + part.bad.length;
      first = false;
    }
  } catch (error) {
    const reason = `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    yield {
      kind: 'file',
      file,
      records: [],
      bad: [],
      problem: reason,
      ...(first ? {} : { continued: true, offset }),
    };
  }
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
