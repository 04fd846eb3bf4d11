import type { JsonObject } from './fields.ts';

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
const SEPARATOR = '},{"eventVersion"';
/** A cut that does not parse may sit inside a nested object; try a few later cuts before giving up. */
const MAX_LATER_CUTS = 4;

export class RecordsSplitter {
  readonly #text: string;
  readonly #maxRecordChars: number;
  /** Index of the array's closing `]`, or -1 when the text does not end as a Records file should. */
  readonly #end: number;
  readonly #opened: boolean;
  #pos: number;
  #stopped = false;

  constructor(text: string, maxRecordChars = Number.POSITIVE_INFINITY) {
    this.#text = text;
    this.#maxRecordChars = maxRecordChars;
    const opening = OPENING.exec(text);
    this.#opened = opening !== null;
    this.#pos = opening ? opening[0].length : 0;
    this.#end = opening ? closingBracket(text) : -1;
    if (this.#end < this.#pos) this.#stopped = true;
  }

  /** True once every record up to the closing `]` was split. */
  get done(): boolean {
    return !this.#stopped && this.#skipSpace() === this.#end;
  }

  /** True when the fast path gave up; {@link rest} holds what is left. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The text from the first record not split, re-opened as a Records file (or all of it, if not one). */
  get rest(): string {
    return this.#opened ? `{"Records":[${this.#text.slice(this.#pos)}` : this.#text;
  }

  /** Up to `max` more records, parsed; fewer (or none) once done or stopped. */
  next(max: number): JsonObject[] {
    const out: JsonObject[] = [];
    while (out.length < max && !this.#stopped) {
      const start = this.#skipSpace();
      if (start === this.#end) break;
      const record = this.#text[start] === '{' ? this.#splitOne(start) : undefined;
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
      const value = parseObject(this.#text.slice(start, stop));
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
    while (this.#pos < this.#text.length && isSpace(this.#text.charCodeAt(this.#pos))) this.#pos++;
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
function closingBracket(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  if (text[i] !== '}') return -1;
  i--;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return text[i] === ']' ? i : -1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
