import type { ExtractedRecords } from './cloudtrail-shapes.ts';
import type { ScannedRecord } from './records-scanner.ts';

/** Why an entry of a file gave no record (the ingest counts each under its skip reason). */
export type RejectReason = 'malformed' | 'too-large' | 'not-accepted';

/** An entry of a file that is no record: its index among the file's entries, why, and what was wrong. */
export interface RejectedEntry {
  index: number;
  reason: RejectReason;
  detail: string;
}

/**
 * Records decoded from (part of) one file, in one shape whatever the file's shape or the path it
 * took: each record with its index among the file's entries (records and rejected entries count
 * alike, from 0 at the start of the file), and the entries that gave none. `records[i]` sits at
 * `indexes[i]`: parallel arrays, so the hot path allocates nothing per record. Nothing is thrown.
 */
export interface DecodedFile {
  records: unknown[];
  indexes: number[];
  rejected: RejectedEntry[];
  /** A problem with the whole file (not gzip, truncated, not JSON, wrong shape). */
  problem?: string;
  /** A problem that did not stop reading (non-UTF-8 bytes). */
  warning?: string;
}

/** How record texts are read: the size limit (UTF-8 bytes) and the caller's raw-text test. */
export interface RecordRules {
  maxRecordBytes: number;
  accept?: ((text: string) => boolean) | undefined;
}

export function emptyDecoded(): DecodedFile {
  return { records: [], indexes: [], rejected: [] };
}

export function addRecord(out: DecodedFile, index: number, value: unknown): void {
  out.records.push(value);
  out.indexes.push(index);
}

export function reject(out: DecodedFile, index: number, reason: RejectReason, detail: string): void {
  out.rejected.push({ index, reason, detail });
}

/**
 * One record's raw text -> a record, or rejected as too large (in UTF-8 bytes), not accepted by the
 * caller's test, or not JSON; checked in that order, so a huge text is never tested nor parsed.
 */
export function addText(out: DecodedFile, index: number, text: ScannedRecord, rules: RecordRules): void {
  const tooLarge = typeof text === 'string' ? overByteLimit(text, rules.maxRecordBytes) : text.tooLarge;
  if (tooLarge !== undefined || typeof text !== 'string')
    return reject(out, index, 'too-large', `${tooLarge} bytes (limit ${rules.maxRecordBytes})`);
  if (rules.accept && !rules.accept(text)) return reject(out, index, 'not-accepted', '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject(out, index, 'malformed', (error as Error).message);
  }
  addRecord(out, index, value);
}

/**
 * The UTF-8 length of `text` when it is over `limit`, else undefined. Counted only when it may be
 * over: a UTF-16 unit is 1 to 3 UTF-8 bytes, so a text of at most limit/3 units never is.
 */
export function overByteLimit(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > limit ? bytes : undefined;
}

/**
 * The records and bad entries of one parsed document, numbered from `base` in document order (an
 * extracted bad entry's index is its position among the document's entries).
 */
export function addExtracted(out: DecodedFile, base: number, found: ExtractedRecords): number {
  let next = base;
  let bad = 0;
  for (const value of found.records) {
    while (bad < found.bad.length && found.bad[bad]!.index === next - base) {
      reject(out, next++, 'malformed', found.bad[bad++]!.reason);
    }
    addRecord(out, next++, value);
  }
  for (; bad < found.bad.length; bad++) reject(out, next++, 'malformed', found.bad[bad]!.reason);
  return next;
}

/** Appends `part` to `into` (both already numbered). */
export function appendDecoded(into: DecodedFile, part: DecodedFile): void {
  for (let i = 0; i < part.records.length; i++) addRecord(into, part.indexes[i]!, part.records[i]);
  into.rejected.push(...part.rejected);
  if (part.problem) into.problem = part.problem;
  if (part.warning) into.warning = part.warning;
}

/** How many entries a decoded part holds (records and rejected). */
export function entryCount(part: DecodedFile): number {
  return part.records.length + part.rejected.length;
}
