import { extractRecords } from '../../ingest/cloudtrail-shapes.ts';
import { LinesScanner } from './lines-scanner.ts';
import { RecordsScanner, type ScannedRecord } from './records-scanner.ts';
import type { DecodedFile } from './decode-file.ts';

type Mode =
  | { kind: 'undecided'; head: string }
  | { kind: 'array' | 'events'; scanner: RecordsScanner }
  | { kind: 'lines'; scanner: LinesScanner; line: number };

const EVENTS_OPENING = /^\uFEFF?\s*\{\s*"Events"\s*:\s*\[/;
/** Enough text after the first `{` to see an `"Events"` opening. */
const DECIDE_CHARS = 64;

/**
 * Streams a large file that is not a `{"Records":[...]}` file (issue #19.6): a bare array and
 * lookup-events output are scanned entry by entry, anything else is read as JSON Lines, line by
 * line. Each entry is parsed on its own, so memory is bounded by the size limit of one entry, not
 * by the file; an entry over the limit is reported too large, and the entries before a problem are
 * kept. Small files never come here: they are parsed whole, as before.
 */
export class OtherShapesStream {
  readonly #maxRecordChars: number;
  #mode: Mode = { kind: 'undecided', head: '' };

  constructor(maxRecordChars = Number.POSITIVE_INFINITY) {
    this.#maxRecordChars = maxRecordChars;
  }

  push(chunk: string): DecodedFile {
    const mode = this.#mode;
    if (mode.kind === 'undecided') return this.#decide(mode.head + chunk, false);
    if (mode.kind === 'lines') return this.#lines(mode, mode.scanner.push(chunk));
    return this.#entries(mode.kind, mode.scanner.push(chunk));
  }

  /** After the last chunk (`damaged`: the stream broke, so a last incomplete entry is not read). */
  finish(damaged: boolean): DecodedFile {
    const mode = this.#mode;
    if (mode.kind === 'undecided')
      return mode.head.trim() === '' ? empty() : this.#decide(mode.head, true, damaged);
    if (mode.kind === 'lines') {
      const last = damaged ? undefined : mode.scanner.finish();
      return this.#lines(mode, last === undefined ? [] : [last]);
    }
    const problem = mode.scanner.finish();
    return problem && !damaged ? { ...empty(), problem } : empty();
  }

  #decide(text: string, atEnd: boolean, damaged = false): DecodedFile {
    // Leading white space is dropped as it arrives: a whitespace bomb holds nothing.
    const start = text.search(/[^\s\uFEFF]/);
    if (start < 0) {
      this.#mode = { kind: 'undecided', head: '' };
      return empty();
    }
    const head = text.slice(start);
    if (head[0] === '{' && head.length < DECIDE_CHARS && !atEnd) {
      this.#mode = { kind: 'undecided', head };
      return empty();
    }
    const kind = head[0] === '[' ? 'array' : EVENTS_OPENING.test(head) ? 'events' : 'lines';
    this.#mode =
      kind === 'lines'
        ? { kind, scanner: new LinesScanner(this.#maxRecordChars), line: 0 }
        : { kind, scanner: new RecordsScanner(this.#maxRecordChars, kind) };
    const out = this.push(head);
    if (!atEnd) return out;
    const end = this.finish(damaged);
    return merge(out, end);
  }

  #entries(kind: 'array' | 'events', texts: ScannedRecord[]): DecodedFile {
    const out = empty();
    for (const text of texts) {
      if (typeof text !== 'string') {
        out.texts!.push(text);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        out.bad.push({ index: out.records.length + out.bad.length, reason: 'entry is not valid JSON' });
        continue;
      }
      // Wrapped as it sat in the document, so each entry is read exactly as a whole-file parse reads it.
      addExtracted(out, extractRecords(kind === 'array' ? [value] : { Events: [value] }));
    }
    return out;
  }

  /** As the whole-file JSON Lines reader does: blank lines skipped, a bad line counted, the rest kept. */
  #lines(mode: Extract<Mode, { kind: 'lines' }>, lines: (string | { tooLarge: number })[]): DecodedFile {
    const out = empty();
    for (const line of lines) {
      if (typeof line !== 'string') {
        out.texts!.push(line);
        mode.line++;
        continue;
      }
      if (line.trim() === '') continue;
      const index = mode.line++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        out.bad.push({
          index: out.records.length + out.bad.length,
          reason: `line ${index + 1} is not valid JSON`,
        });
        continue;
      }
      addExtracted(out, extractRecords(value));
    }
    return out;
  }
}

function addExtracted(out: DecodedFile, found: ReturnType<typeof extractRecords>): void {
  const base = out.records.length + out.bad.length;
  out.records.push(...found.records);
  out.bad.push(...found.bad.map((b) => ({ ...b, index: base + b.index })));
  if (found.shapeError)
    out.bad.push({ index: out.records.length + out.bad.length, reason: found.shapeError });
}

function merge(a: DecodedFile, b: DecodedFile): DecodedFile {
  return {
    records: [...a.records, ...b.records],
    texts: [...(a.texts ?? []), ...(b.texts ?? [])],
    bad: [...a.bad, ...b.bad],
    ...(b.problem ? { problem: b.problem } : {}),
  };
}

function empty(): DecodedFile {
  return { records: [], texts: [], bad: [] };
}
