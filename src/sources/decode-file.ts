import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extractRecords } from '../ingest/cloudtrail-shapes.ts';
import { RecordsScanner, type ScannedRecord } from '../ingest/records-scanner.ts';

/** Records decoded from (part of) one file, and what was wrong with it (nothing is thrown). */
export interface DecodedFile {
  /** Parsed records (lookup-events output, single events, arrays, JSON Lines). */
  records: unknown[];
  /** Raw JSON text of each record of a `{"Records":[...]}` file, parsed one by one by the ingest
   * (`{ tooLarge }` for a record over the size limit, which was never held in memory). */
  texts?: ScannedRecord[];
  /** Entries that could not be records, with their index; the rest of the file is kept. */
  bad: { index: number; reason: string }[];
  /** A problem with the whole file (not gzip, truncated, not JSON, wrong shape). */
  problem?: string;
  /** A problem that did not stop reading (non-UTF-8 bytes). */
  warning?: string;
}

export interface DecodeOptions {
  /** Records longer than this are not kept in memory (reported as too large). */
  maxRecordChars?: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
/** Records handed on per batch while streaming a large file. */
export const STREAM_BATCH = 5000;

/** Bytes (gzip or not) -> CloudTrail records in any accepted shape. */
export async function decodeCloudTrailBytes(
  name: string,
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Promise<DecodedFile> {
  const merged = emptyDecoded();
  for await (const part of decodeCloudTrailStream(name, [bytes], options)) {
    merged.records.push(...part.records);
    merged.texts!.push(...(part.texts ?? []));
    merged.bad.push(...part.bad);
    if (part.problem) merged.problem = part.problem;
    if (part.warning) merged.warning = part.warning;
  }
  return merged;
}

/**
 * Streams a file's bytes: gunzips on the fly, scans `{"Records":[...]}` incrementally and yields
 * batches of record texts, so a file of hundreds of MB is never one string. Other shapes are small
 * and parsed whole. A truncated or corrupt stream keeps every record read before the damage.
 */
export async function* decodeCloudTrailStream(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecodeOptions = {},
): AsyncGenerator<DecodedFile> {
  const text = new Utf8Chunks();
  const scanner = new RecordsScanner(options.maxRecordChars);
  // Until the opening is seen, the text is kept whole in case this is another shape (small files).
  let whole = '';
  let pending: ScannedRecord[] = [];
  let problem: string | undefined;
  try {
    for await (const bytes of decompressed(name, chunks)) {
      const chunk = text.decode(bytes);
      if (!scanner.isRecordsFile) whole += chunk;
      if (!scanner.notRecordsFile) pending.push(...scanner.push(chunk));
      if (scanner.isRecordsFile) whole = '';
      if (pending.length >= STREAM_BATCH) {
        yield { ...emptyDecoded(), texts: pending };
        pending = [];
      }
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  const warning = text.warning;
  if (!scanner.isRecordsFile) {
    const parsed = problem
      ? { ...emptyDecoded(), problem }
      : parseJsonText(whole, /\.(?:jsonl|ndjson)(?:\.gz)?$/i.test(name));
    yield warning ? { ...parsed, warning } : parsed;
    return;
  }
  const end = problem ?? scanner.finish();
  const last: DecodedFile = { ...emptyDecoded(), texts: pending };
  if (end) last.problem = end;
  if (warning) last.warning = warning;
  yield last;
}

async function* decompressed(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const iterator = (
    Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : toAsync(chunks as Iterable<Uint8Array>)
  ) as AsyncIterator<Uint8Array>;
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  if (!gzip) {
    if (/\.gz$/i.test(name)) throw new Error('not gzip data, though the name ends in .gz');
    yield head;
    yield* rest;
    return;
  }
  const gunzip = Readable.from(prepend(head, rest)).pipe(createGunzip());
  try {
    for await (const out of gunzip) yield out as Uint8Array;
  } catch (error) {
    throw new Error(`gzip: ${(error as Error).message} (truncated or corrupt)`, { cause: error });
  }
}

async function* prepend(head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  yield* rest;
}

async function* toAsync(items: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* items;
}

/** UTF-8 decoding across chunk boundaries; invalid bytes become U+FFFD with a warning. */
class Utf8Chunks {
  #decoder = new TextDecoder('utf-8', { fatal: true });
  warning: string | undefined;

  decode(bytes: Uint8Array): string {
    let out: string;
    try {
      out = this.#decoder.decode(bytes, { stream: true });
    } catch {
      this.#decoder = new TextDecoder('utf-8');
      this.warning = 'invalid UTF-8 bytes were replaced with U+FFFD';
      out = this.#decoder.decode(bytes, { stream: true });
    }
    return out;
  }
}

function emptyDecoded(): DecodedFile {
  return { records: [], texts: [], bad: [] };
}

function parseJsonText(raw: string, jsonLines: boolean): DecodedFile {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!jsonLines) {
    try {
      const { records, bad, shapeError } = extractRecords(JSON.parse(text));
      return shapeError ? { records, texts: [], bad, problem: shapeError } : { records, texts: [], bad };
    } catch (error) {
      // Several JSON values, one per line, is JSON Lines whatever the file is called.
      if (!/^\s*\{[^\n]*\}\s*\n\s*\{/.test(text))
        return { ...emptyDecoded(), problem: `invalid JSON: ${(error as Error).message}` };
    }
  }
  return parseJsonLines(text);
}

function parseJsonLines(text: string): DecodedFile {
  const out = emptyDecoded();
  let index = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const { records, bad } = extractRecords(JSON.parse(line));
      out.records.push(...records);
      out.bad.push(...bad.map((b) => ({ ...b, index })));
    } catch {
      out.bad.push({ index, reason: `line ${index + 1} is not valid JSON` });
    }
    index++;
  }
  return out;
}
