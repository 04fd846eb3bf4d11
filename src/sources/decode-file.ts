import { gunzipSync } from 'node:zlib';
import { extractRecords } from '../ingest/cloudtrail-shapes.ts';

/** Records decoded from one file's bytes, and what was wrong with it (nothing is thrown). */
export interface DecodedFile {
  records: unknown[];
  /** Entries that could not be records, with their index; the rest of the file is kept. */
  bad: { index: number; reason: string }[];
  /** A problem with the whole file (not gzip, truncated, not JSON, wrong shape). */
  problem?: string;
  /** A problem that did not stop reading (non-UTF-8 bytes, BOM). */
  warning?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Bytes (gzip or not) -> CloudTrail records in any accepted shape, JSON Lines included. */
export function decodeCloudTrailBytes(name: string, bytes: Uint8Array): DecodedFile {
  let raw = bytes;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      raw = gunzipSync(bytes);
    } catch (error) {
      return { records: [], bad: [], problem: `gzip: ${(error as Error).message} (truncated or corrupt)` };
    }
  } else if (/\.gz$/i.test(name)) {
    return { records: [], bad: [], problem: 'not gzip data, though the name ends in .gz' };
  }
  const { text, warning } = decodeUtf8(raw);
  const decoded = parseJsonText(text, /\.(?:jsonl|ndjson)(?:\.gz)?$/i.test(name));
  return warning ? { ...decoded, warning } : decoded;
}

function decodeUtf8(bytes: Uint8Array): { text: string; warning?: string } {
  let text: string;
  let warning: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    warning = 'invalid UTF-8 bytes were replaced with U+FFFD';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return warning ? { text, warning } : { text };
}

function parseJsonText(text: string, jsonLines: boolean): DecodedFile {
  if (!jsonLines) {
    try {
      const doc: unknown = JSON.parse(text);
      const { records, bad, shapeError } = extractRecords(doc);
      return shapeError ? { records, bad, problem: shapeError } : { records, bad };
    } catch (error) {
      // Several JSON values, one per line, is JSON Lines whatever the file is called.
      if (!/^\s*\{[^\n]*\}\s*\n\s*\{/.test(text))
        return { records: [], bad: [], problem: `invalid JSON: ${(error as Error).message}` };
    }
  }
  return parseJsonLines(text);
}

function parseJsonLines(text: string): DecodedFile {
  const out: DecodedFile = { records: [], bad: [] };
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
