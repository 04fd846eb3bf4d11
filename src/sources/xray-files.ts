import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { TraceDocuments } from '../model/trace-documents.ts';

const gunzipAsync = promisify(gunzip);

/** Largest trace file read (decompressed); larger files are reported, not read. */
export const MAX_TRACE_FILE_BYTES = 512 * 1024 * 1024;

/** One trace file's documents, or the reason it could not be read (never thrown). */
export type TraceFile = { file: string } & TraceDocuments;

export interface TraceFileOptions {
  readStdin?: () => Promise<Uint8Array>;
  maxBytes?: number;
}

/**
 * Reads trace files one at a time (`-` is stdin; `.gz` or gzip bytes are decompressed) and hands each
 * text to `decode` (X-Ray or OTLP). Unreadable files become a `problem`, never an exception.
 */
export async function* readTraceFiles(
  files: readonly string[],
  decode: (text: string) => TraceDocuments,
  options: TraceFileOptions = {},
): AsyncGenerator<TraceFile> {
  for (const file of files) {
    const text = await readText(file, options).catch((error: unknown) => ({
      problem: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    }));
    if (typeof text !== 'string') yield { file, documents: [], bad: [], problem: text.problem };
    else yield { file, ...decode(text) };
  }
}

async function readText(file: string, options: TraceFileOptions): Promise<string | { problem: string }> {
  if (file.startsWith('s3://')) return { problem: 'trace files are read from local paths or stdin only' };
  let bytes: Uint8Array =
    file === '-' ? await (options.readStdin?.() ?? new Uint8Array()) : await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    bytes = await gunzipAsync(bytes, { maxOutputLength: options.maxBytes ?? MAX_TRACE_FILE_BYTES }).catch(
      (error: unknown) => {
        throw new Error(`gzip: ${(error as Error).message}`, { cause: error });
      },
    );
  } else if (/\.gz$/i.test(file)) return { problem: 'not gzip data, though the name ends in .gz' };
  if (bytes.length > (options.maxBytes ?? MAX_TRACE_FILE_BYTES))
    return { problem: `larger than ${options.maxBytes ?? MAX_TRACE_FILE_BYTES} bytes` };
  return new TextDecoder('utf-8').decode(bytes);
}
