import type { JsonObject } from './cloudtrail-shapes.ts';
import { overByteLimit } from './decoded.ts';

/**
 * Fast path for a whole `{"Records":[...]}` text laid out as CloudTrail writes it (compact, every
 * record opening with "eventVersion"): a record is cut at the next `},{"eventVersion"` and the cut is
 * proven by parsing the slice. A slice that parses as one object ends exactly where the brace-matching
 * {@link RecordsScanner} would end that record, so the records are the scanner's records, parsed once
 * instead of scanned and then parsed.
 *
 * Anything else (another layout, a record that does not parse, a record over the size limit, no
 * proper end of the array) stops the fast path at the last proven boundary: `rest` is the text left,
 * for the scanner, which then reports exactly what it would have reported for the whole text.
 */
const OPENING = /^\uFEFF?\s*\{\s*"Records"\s*:\s*\[/;
/** Enough of the start to see the opening, unless it is padded with more space than any writer uses. */
const OPENING_WINDOW = 256;
const SEPARATOR = '},{"eventVersion"';
/** A cut that does not parse may sit inside a nested object; try a few later cuts before giving up. */
const MAX_LATER_CUTS = 4;

/**
 * The text being split: a string, or ASCII bytes read as text without ever building one string of
 * the whole file (each record becomes its own short string, which dies young).
 */
export type SplitterText = string | Buffer;

interface Chars {
  /** True when every character is one byte (ASCII bytes read as text). */
  ascii: boolean;
  length: number;
  indexOf(needle: string, from: number): number;
  code(i: number): number;
  slice(start: number, end: number): string;
}

function charsOf(text: SplitterText): Chars {
  if (typeof text === 'string')
    return {
      ascii: false,
      length: text.length,
      indexOf: (needle, from) => text.indexOf(needle, from),
      code: (i) => text.charCodeAt(i),
      slice: (start, end) => text.slice(start, end),
    };
  return {
    ascii: true,
    length: text.length,
    indexOf: (needle, from) => text.indexOf(needle, from, 'latin1'),
    code: (i) => text[i]!,
    slice: (start, end) => text.toString('latin1', start, end),
  };
}

export class RecordsSplitter {
  readonly #text: Chars;
  readonly #maxRecordChars: number;
  /** Index of the array's closing `]`, or -1 when the text does not end as a Records file should. */
  readonly #end: number;
  readonly #opened: boolean;
  #pos: number;
  #stopped = false;

  /** `text` as a Buffer must hold ASCII only (then bytes and characters are the same). */
  constructor(text: SplitterText, maxRecordChars = Number.POSITIVE_INFINITY) {
    this.#text = charsOf(text);
    this.#maxRecordChars = maxRecordChars;
    const opening = OPENING.exec(this.#text.slice(0, OPENING_WINDOW));
    this.#opened = opening !== null;
    this.#pos = opening ? opening[0].length : 0;
    this.#end = opening ? closingBracket(this.#text) : -1;
    if (this.#end < this.#pos) this.#stopped = true;
  }

  /** True once every record up to the closing `]` was split. */
  get done(): boolean {
    return !this.#stopped && this.#skipSpace() === this.#end;
  }

  /** After the fast path gave up: the text from the first record not split, re-opened as a Records
   * file (or all of it, if it is not one). */
  get rest(): string {
    const text = this.#text;
    return this.#opened ? `{"Records":[${text.slice(this.#pos, text.length)}` : text.slice(0, text.length);
  }

  /** Up to `max` more records, parsed; fewer (or none) once done or stopped. */
  next(max: number): JsonObject[] {
    const out: JsonObject[] = [];
    while (out.length < max && !this.#stopped) {
      const start = this.#skipSpace();
      if (start === this.#end) break;
      const record = this.#text.code(start) === OPEN_BRACE ? this.#splitOne(start) : undefined;
      if (!record) {
        this.#stopped = true;
        break;
      }
      out.push(record);
    }
    return out;
  }

  #splitOne(start: number): JsonObject | undefined {
    let cut = this.#text.indexOf(SEPARATOR, start);
    for (let tries = 0; tries <= MAX_LATER_CUTS; tries++) {
      const stop = cut < 0 || cut >= this.#end ? this.#end : cut + 1;
      if (stop - start > this.#maxRecordChars) return undefined;
      const slice = this.#text.slice(start, stop);
      // The limit is in UTF-8 bytes: ASCII bytes are characters, other text may be over it in bytes.
      if (!this.#text.ascii && overByteLimit(slice, this.#maxRecordChars) !== undefined) return undefined;
      const value = parseObject(slice);
      if (value) {
        // After a cut, the next record starts past the comma; after the last one, at the `]`.
        this.#pos = stop === this.#end ? stop : stop + 1;
        return value;
      }
      if (stop === this.#end) return undefined;
      cut = this.#text.indexOf(SEPARATOR, cut + 1);
    }
    return undefined;
  }

  #skipSpace(): number {
    while (this.#pos < this.#text.length && isSpace(this.#text.code(this.#pos))) this.#pos++;
    return this.#pos;
  }
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Index of the `]` in the text's final `] }` (whitespace allowed), or -1. */
function closingBracket(text: Chars): number {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.code(i))) i--;
  if (text.code(i) !== CLOSE_BRACE) return -1;
  i--;
  while (i >= 0 && isSpace(text.code(i))) i--;
  return i >= 0 && text.code(i) === CLOSE_BRACKET ? i : -1;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
