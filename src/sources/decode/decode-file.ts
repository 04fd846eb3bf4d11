import { isAscii } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { extractRecords } from './cloudtrail-shapes.ts';
import {
  addExtracted,
  addText,
  appendDecoded,
  emptyDecoded,
  reject,
  type DecodedFile,
  type RecordRules,
} from './decoded.ts';
import { RecordsScanner, type ScannedRecord } from './records-scanner.ts';
import { RecordsSplitter, type SplitterText } from './records-splitter.ts';
import type { GunzipTail } from './gunzip-members.ts';
import { decompressed, GZIP_MAGIC, Utf8Chunks } from './stream-text.ts';
import { OtherShapesStream } from './other-shapes-stream.ts';

export type { DecodedFile, RejectedEntry, RejectReason } from './decoded.ts';

export interface DecodeOptions {
  /**
   * Records over this many bytes of UTF-8 are rejected as too large (and never held in memory when
   * streaming). Default: no limit.
   */
  maxRecordBytes?: number;
  /**
   * A cheap test of a record's raw text before it is parsed (the --role pre-filter): a record it
   * refuses is rejected as `not-accepted`, unparsed. Only record texts are tested: the shapes parsed
   * whole (lookup-events output, JSON Lines, arrays) hand on every record. With a test, a
   * `{"Records":[...]}` file takes the scanner, not the fast path (which parses to prove its cuts).
   */
  accept?: (text: string) => boolean;
  /**
   * Decompressed size past which a file stops being read (a small `.gz` can expand without end):
   * the records before that point are kept and the file gets a problem naming the limit. Default
   * {@link DEFAULT_MAX_FILE_BYTES}.
   */
  maxFileBytes?: number;
}

/** 4 GiB of JSON: far above any CloudTrail delivery (a few MB), low enough to stop a gzip bomb. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 ** 3;

/** Records handed on per batch while streaming a large file. */
export const STREAM_BATCH = 5000;
/** Parsed records handed on per batch: few enough that they die young (cheap to collect). */
export const PARSED_BATCH = 100;
/**
 * Files up to this size (on disk and uncompressed) are decoded whole: one gunzip, one UTF-8 decode,
 * records split by the fast path. CloudTrail delivers files of a few MB; larger ones are streamed.
 */
export const WHOLE_FILE_MAX_BYTES = 32 * 1024 * 1024;

/** Bytes (gzip or not) -> CloudTrail records in any accepted shape. */
export async function decodeCloudTrailBytes(
  name: string,
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Promise<DecodedFile> {
  const merged = emptyDecoded();
  const parts = decodeWholeFile(name, bytes, options) ?? decodeCloudTrailStream(name, [bytes], options);
  for await (const part of parts) appendDecoded(merged, part);
  return merged;
}

/**
 * Streams a file's bytes: gunzips on the fly, scans `{"Records":[...]}` incrementally and yields
 * batches of records, each parsed on its own, so a file of hundreds of MB is never one string. Other shapes are small
 * and parsed whole. A truncated or corrupt stream keeps every record read before the damage.
 */
export async function* decodeCloudTrailStream(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecodeOptions = {},
): AsyncGenerator<DecodedFile> {
  const text = new Utf8Chunks();
  const rules = recordRules(options);
  // Characters never outnumber UTF-8 bytes: a text over the limit in characters is over in bytes.
  const scanner = new RecordsScanner(rules.maxRecordBytes);
  // Until the opening is seen, the text is kept whole in case this is another shape; past
  // WHOLE_FILE_MAX_BYTES another shape is streamed too (never one string of the whole file).
  let whole = '';
  let other: OtherShapesStream | undefined;
  let pending = emptyDecoded();
  let next = 0;
  let problem: string | undefined;
  const tail: GunzipTail = {};
  try {
    for await (const bytes of decompressed(
      name,
      chunks,
      options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      tail,
    )) {
      const chunk = text.decode(bytes);
      if (other) {
        yield other.push(chunk);
        continue;
      }
      if (!scanner.isRecordsFile) whole += chunk;
      if (!scanner.notRecordsFile) next = addTexts(pending, next, scanner.push(chunk), rules);
      if (scanner.isRecordsFile) whole = '';
      if (scanner.notRecordsFile && whole.length > WHOLE_FILE_MAX_BYTES) {
        other = new OtherShapesStream(rules);
        yield other.push(whole);
        whole = '';
      }
      if (pending.records.length + pending.rejected.length >= STREAM_BATCH) {
        yield pending;
        pending = emptyDecoded();
      }
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  const warning = text.warning;
  if (other) {
    const last = other.finish(problem !== undefined);
    const found = problem ?? last.problem ?? tail.trailing;
    if (found) last.problem = found;
    yield warning ? { ...last, warning } : last;
    return;
  }
  if (!scanner.isRecordsFile) {
    const parsed = problem
      ? { ...emptyDecoded(), problem }
      : parseJsonText(whole, /\.(?:jsonl|ndjson)(?:\.gz)?$/i.test(name));
    if (!parsed.problem && tail.trailing) parsed.problem = tail.trailing;
    yield warning ? { ...parsed, warning } : parsed;
    return;
  }
  const end = problem ?? scanner.finish() ?? tail.trailing;
  const last = pending;
  if (end) last.problem = end;
  if (warning) last.warning = warning;
  yield last;
}

/**
 * Decodes a file's bytes at once, without streaming. Undefined when that does not apply (too large,
 * damaged gzip, invalid UTF-8): the caller streams the same bytes instead, which keeps what can be
 * read and reports the damage.
 */
export function decodeWholeFile(
  name: string,
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Generator<DecodedFile> | undefined {
  const text = wholeText(name, bytes, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  return text === undefined ? undefined : decodeText(name, text, options);
}

/** The file's text: ASCII bytes as they are (read as text piece by piece), or a decoded string. */
function wholeText(name: string, bytes: Uint8Array, maxFileBytes: number): SplitterText | undefined {
  const limit = Math.min(WHOLE_FILE_MAX_BYTES, maxFileBytes);
  if (bytes.length > limit) return undefined;
  const gzip = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
  if (!gzip && /\.gz$/i.test(name)) return undefined;
  let raw = bytes;
  if (gzip) {
    const hint = gzipSizeHint(bytes);
    if (hint > limit) return undefined;
    try {
      // Output in one chunk of the expected size: no concatenation copy (the hint is only a size).
      const chunkSize = Math.min(limit, Math.max(64 * 1024, hint + 1));
      raw = gunzipSync(bytes, { maxOutputLength: limit, chunkSize });
    } catch {
      return undefined;
    }
  }
  return utf8Text(raw);
}

/**
 * Strict UTF-8 decoding; undefined on invalid bytes. CloudTrail text is almost always ASCII: its
 * bytes are its characters, so it stays bytes (decoded per record, as latin1, several times faster
 * than the general UTF-8 decoder and without one string of the whole file).
 */
function utf8Text(raw: Uint8Array): SplitterText | undefined {
  if (isAscii(raw)) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/** gzip's trailer holds the uncompressed size mod 2^32 (of the last member): a hint, not a promise. */
function gzipSizeHint(bytes: Uint8Array): number {
  const n = bytes.length;
  return n < 18
    ? 0
    : (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0;
}

/** A whole text -> batches: fast-path records first, then the scanner on whatever the fast path left. */
function* decodeText(name: string, source: SplitterText, options: DecodeOptions): Generator<DecodedFile> {
  const rules = recordRules(options);
  // The whole text as one string only when the fast path did not read it all.
  let wholeText: string | undefined;
  const whole = () => (wholeText ??= typeof source === 'string' ? source : source.toString('latin1'));
  let rest: string | undefined;
  let next = 0;
  if (!rules.accept) {
    const splitter = new RecordsSplitter(source, rules.maxRecordBytes);
    for (
      let records = splitter.next(PARSED_BATCH);
      records.length > 0;
      records = splitter.next(PARSED_BATCH)
    ) {
      const out: DecodedFile = { records, indexes: new Array<number>(records.length), rejected: [] };
      for (let i = 0; i < records.length; i++) out.indexes[i] = next++;
      yield out;
    }
    if (splitter.done) {
      if (next === 0) yield emptyDecoded();
      return;
    }
    rest = splitter.rest;
  }
  const scanner = new RecordsScanner(rules.maxRecordBytes);
  const texts = scanner.push(rest ?? whole());
  if (!scanner.isRecordsFile) {
    yield parseJsonText(whole(), /\.(?:jsonl|ndjson)(?:\.gz)?$/i.test(name));
    return;
  }
  const problem = scanner.finish();
  // At least one batch, so the file is counted and its problem reported even with no records left.
  for (let i = 0; i === 0 || i < texts.length; i += STREAM_BATCH) {
    const out = emptyDecoded();
    next = addTexts(out, next, texts.slice(i, i + STREAM_BATCH), rules);
    if (i + STREAM_BATCH >= texts.length && problem) out.problem = problem;
    yield out;
  }
}

function recordRules(options: DecodeOptions): RecordRules {
  return { maxRecordBytes: options.maxRecordBytes ?? Number.POSITIVE_INFINITY, accept: options.accept };
}

/** Record texts numbered from `next` into `out`; returns the next index. */
function addTexts(
  out: DecodedFile,
  next: number,
  texts: readonly ScannedRecord[],
  rules: RecordRules,
): number {
  for (const text of texts) addText(out, next++, text, rules);
  return next;
}

function parseJsonText(raw: string, jsonLines: boolean): DecodedFile {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!jsonLines) {
    try {
      const found = extractRecords(JSON.parse(text));
      const out = emptyDecoded();
      addExtracted(out, 0, found);
      if (found.shapeError) out.problem = found.shapeError;
      return out;
    } catch (error) {
      // Several JSON values, one per line, is JSON Lines whatever the file is called.
      if (!/^\s*\{[^\n]*\}\s*\n\s*\{/.test(text))
        return { ...emptyDecoded(), problem: `invalid JSON: ${(error as Error).message}` };
    }
  }
  return parseJsonLines(text);
}

/** Blank lines skipped; a line that is not JSON is one rejected entry; a line may hold several records. */
function parseJsonLines(text: string): DecodedFile {
  const out = emptyDecoded();
  let next = 0;
  let line = 0;
  for (const lineText of text.split('\n')) {
    if (lineText.trim() === '') continue;
    line++;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      reject(out, next++, 'malformed', `line ${line} is not valid JSON`);
      continue;
    }
    next = addExtracted(out, next, extractRecords(value));
  }
  return out;
}
