import { extractRecords } from './cloudtrail-shapes.ts';
import {
  addExtracted,
  emptyDecoded as empty,
  reject,
  type DecodedFile,
  type RecordRules,
} from './decoded.ts';
import { LinesScanner, type ScannedLine } from './lines-scanner.ts';
import { RecordsScanner, type ScannedRecord } from './records-scanner.ts';

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
 * kept. Small files never come here: they are parsed whole, as before. Entries are numbered across
 * chunks, as a whole-file parse numbers them.
 */
export class OtherShapesStream {
  readonly #rules: RecordRules;
  #mode: Mode = { kind: 'undecided', head: '' };
  /** Index of the next entry. */
  #next = 0;

  constructor(rules: RecordRules = { maxRecordBytes: Number.POSITIVE_INFINITY }) {
    this.#rules = rules;
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
        ? { kind, scanner: new LinesScanner(this.#rules.maxRecordBytes), line: 0 }
        : { kind, scanner: new RecordsScanner(this.#rules.maxRecordBytes, kind) };
    const out = this.push(head);
    if (!atEnd) return out;
    const end = this.finish(damaged);
    return merge(out, end);
  }

  #entries(kind: 'array' | 'events', texts: ScannedRecord[]): DecodedFile {
    const out = empty();
    for (const text of texts) {
      const value = this.#parse(out, text, 'entry is not valid JSON');
      // Wrapped as it sat in the document, so each entry is read exactly as a whole-file parse reads it.
      if (value !== NOT_PARSED)
        this.#add(out, extractRecords(kind === 'array' ? [value] : { Events: [value] }));
    }
    return out;
  }

  /** As the whole-file JSON Lines reader does: blank lines skipped, a bad line counted, the rest kept. */
  #lines(mode: Extract<Mode, { kind: 'lines' }>, lines: ScannedLine[]): DecodedFile {
    const out = empty();
    for (const line of lines) {
      if (typeof line === 'string' && line.trim() === '') continue;
      const value = this.#parse(out, line, `line ${++mode.line} is not valid JSON`);
      if (value !== NOT_PARSED) this.#add(out, extractRecords(value));
    }
    return out;
  }

  /** One entry's text parsed, or rejected (too large, not JSON) and {@link NOT_PARSED}. */
  #parse(out: DecodedFile, text: ScannedRecord, notJson: string): unknown {
    if (typeof text !== 'string') {
      reject(out, this.#next++, 'too-large', `${text.tooLarge} bytes (limit ${this.#rules.maxRecordBytes})`);
      return NOT_PARSED;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      reject(out, this.#next++, 'malformed', notJson);
      return NOT_PARSED;
    }
  }

  #add(out: DecodedFile, found: ReturnType<typeof extractRecords>): void {
    this.#next = addExtracted(out, this.#next, found);
    if (found.shapeError) reject(out, this.#next++, 'malformed', found.shapeError);
  }
}

const NOT_PARSED = Symbol('not parsed');

function merge(a: DecodedFile, b: DecodedFile): DecodedFile {
  return {
    records: [...a.records, ...b.records],
    indexes: [...a.indexes, ...b.indexes],
    rejected: [...a.rejected, ...b.rejected],
    ...(b.problem ? { problem: b.problem } : {}),
  };
}
