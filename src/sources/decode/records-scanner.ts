/**
 * Incremental scanner for CloudTrail's `{"Records":[ {...}, {...} ]}` files: takes text chunks and
 * returns each record's JSON text as soon as it is complete, so a file of any size is never held as
 * one string and one bad record does not lose the others. Only string/brace structure is tracked
 * (each record is parsed later, on its own), and scanning resumes where the last chunk stopped. A
 * record longer than `maxRecordChars` is not kept in memory: it is returned as `{ tooLarge }`, its
 * size in UTF-8 bytes (a size limit in bytes may be given as the character limit: characters never
 * outnumber bytes, so a record over it in characters is over it in bytes).
 */
export type ScannedRecord = string | { tooLarge: number };

/** UTF-8 bytes of `text`. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const STRUCTURE = /[{}"[\]]/g;
/** What may stand between entries (the same characters as before: commas and any white space). */
const SEPARATORS = /[,\s]*/y;
/** A scalar ends where a record could start too: one stray byte (a NUL) must not swallow the next record. */
const SCALAR_END = /[,\]\s{["]/g;
/** How a JSON scalar may begin (a number, true, false, null); anything else is stray text. */
const SCALAR_START = /[-0-9tfn]/;
/**
 * The arrays scanned: `{"Records":[` as delivered to S3, and, for large files of the other shapes,
 * a bare array `[` and lookup-events output `{"Events":[` (its `NextToken` may follow the array).
 */
export type ScannedShape = 'records' | 'array' | 'events';

const OPENINGS: Record<ScannedShape, RegExp> = {
  records: /^\uFEFF?\s*\{\s*"Records"\s*:\s*\[/,
  array: /^\uFEFF?\s*\[/,
  events: /^\uFEFF?\s*\{\s*"Events"\s*:\s*\[/,
};
/** Characters kept of an oversized record, to see whether a quote is escaped. */
const TAIL = 64;

export class RecordsScanner {
  readonly #maxRecordChars: number;
  #buffer = '';
  #state: 'start' | 'records' | 'done' = 'start';
  /** Scan position in the buffer, and the current record's state. */
  #pos = 0;
  #inRecord = false;
  #inScalar = false;
  #depth = 0;
  #inString = false;
  #dropped = 0;
  /** UTF-8 bytes of the dropped characters. */
  #droppedBytes = 0;
  /** Entries that are not JSON at all (stray bytes between records): a problem with the file. */
  #stray = 0;
  /** Set when the text is not a Records file; the caller falls back to a whole-document parse. */
  notRecordsFile = false;

  readonly #shape: ScannedShape;

  constructor(maxRecordChars = Number.POSITIVE_INFINITY, shape: ScannedShape = 'records') {
    this.#maxRecordChars = maxRecordChars;
    this.#shape = shape;
  }

  /** True once the `{"Records":[` opening has been seen. */
  get isRecordsFile(): boolean {
    return this.#state !== 'start';
  }

  /** Feeds a chunk; returns the complete records it finished. */
  push(chunk: string): ScannedRecord[] {
    if (this.notRecordsFile) return [];
    if (this.#state === 'done') {
      this.#buffer = afterEnd(this.#buffer + chunk);
      return [];
    }
    this.#buffer += chunk;
    if (this.#state === 'start' && !this.#openRecords()) return [];
    const out: ScannedRecord[] = [];
    this.#drain(out);
    this.#compact();
    return out;
  }

  /** After the last chunk: undefined if the file ended properly, else what is wrong. */
  finish(): string | undefined {
    if (this.notRecordsFile) return undefined;
    const what =
      this.#shape === 'records'
        ? 'the Records array'
        : this.#shape === 'events'
          ? 'the Events array'
          : 'the array';
    if (this.#state === 'done') {
      if (!this.#endsWell()) return `text after ${what}`;
      return this.#stray === 0
        ? undefined
        : `${this.#stray} stray text run(s) between records (not JSON); the records around them were kept`;
    }
    return this.#state === 'start' ? `no ${what.slice(4)}` : `truncated: ${what} does not end`;
  }

  /** What may follow the array: `}` closes a Records file; lookup-events output may go on (`,"NextToken"...`). */
  #endsWell(): boolean {
    const b = this.#buffer;
    if (this.#shape === 'array') return b === '';
    if (this.#shape === 'events') return b.startsWith('}') || b.startsWith(',');
    return b === '' || b === '}';
  }

  #openRecords(): boolean {
    const m = OPENINGS[this.#shape].exec(this.#buffer);
    if (!m) {
      // Undecided until enough text arrived to see the opening.
      if (this.#buffer.length > 64 || /[^\s{"Recods:[\uFEFF]/.test(this.#buffer)) this.notRecordsFile = true;
      return false;
    }
    this.#buffer = this.#buffer.slice(m[0].length);
    this.#state = 'records';
    return true;
  }

  #drain(out: ScannedRecord[]): void {
    for (;;) {
      const b = this.#buffer;
      if (this.#inScalar) {
        if (!this.#endScalar(b, out)) return;
        continue;
      }
      if (!this.#inRecord) {
        // One sticky search, not a test per character: a run of 600 MB of spaces is one step.
        SEPARATORS.lastIndex = this.#pos;
        if (SEPARATORS.test(b)) this.#pos = SEPARATORS.lastIndex;
        if (this.#pos >= b.length) return;
        if (b[this.#pos] === ']') {
          this.#state = 'done';
          this.#pos++;
          return;
        }
        this.#startRecord(b);
        continue;
      }
      const end = this.#scan(b);
      if (end < 0) return;
      out.push(this.#dropped > 0 ? this.#tooLarge(b.slice(0, end)) : b.slice(0, end));
      this.#buffer = b.slice(end);
      this.#pos = 0;
      this.#inRecord = false;
      this.#dropped = 0;
      this.#droppedBytes = 0;
    }
  }

  /** Starts an entry at #pos: a record (object, array, string) or a scalar, for the caller to reject. */
  #startRecord(b: string): void {
    const c = b[this.#pos];
    this.#buffer = b.slice(this.#pos);
    this.#pos = 0;
    this.#depth = 0;
    this.#inString = false;
    if (c === '{' || c === '[' || c === '"') this.#inRecord = true;
    else {
      this.#inScalar = true;
      if (!SCALAR_START.test(c ?? '')) this.#stray++;
    }
  }

  /**
   * Continues a scalar (a number, `true`, garbage) up to the next `,`, `]` or space. The search
   * resumes where the last chunk stopped, and a scalar over the size limit is dropped as it
   * arrives: 40 MB of digits is scanned once and never held (issue #19.7).
   */
  #endScalar(b: string, out: ScannedRecord[]): boolean {
    SCALAR_END.lastIndex = this.#pos;
    const m = SCALAR_END.exec(b);
    if (!m) {
      this.#pos = b.length;
      if (this.#dropped + b.length > this.#maxRecordChars) {
        this.#dropped += b.length;
        this.#droppedBytes += utf8Length(b);
        this.#buffer = '';
        this.#pos = 0;
      }
      return false;
    }
    const end = m.index;
    out.push(this.#dropped + end > this.#maxRecordChars ? this.#tooLarge(b.slice(0, end)) : b.slice(0, end));
    this.#buffer = b.slice(end);
    this.#pos = 0;
    this.#inScalar = false;
    this.#dropped = 0;
    this.#droppedBytes = 0;
    return true;
  }

  /** An oversized entry's size: the bytes dropped so far and those of its last piece. */
  #tooLarge(last: string): { tooLarge: number } {
    return { tooLarge: this.#droppedBytes + utf8Length(last) };
  }

  /** Continues scanning the current record; its end (exclusive) or -1 when more text is needed. */
  #scan(b: string): number {
    for (;;) {
      if (this.#inString) {
        const close = closingQuote(b, this.#pos);
        if (close < 0) {
          this.#pos = b.length;
          return -1;
        }
        this.#inString = false;
        this.#pos = close + 1;
        if (this.#depth === 0) return this.#pos; // a bare string value
        continue;
      }
      STRUCTURE.lastIndex = this.#pos;
      const m = STRUCTURE.exec(b);
      if (!m) {
        this.#pos = b.length;
        return -1;
      }
      this.#pos = m.index + 1;
      const c = m[0];
      if (c === '"') this.#inString = true;
      else if (c === '{' || c === '[') this.#depth++;
      else if (--this.#depth === 0) return this.#pos;
    }
  }

  /** Drops what is no longer needed; an oversized record keeps only a short tail. */
  #compact(): void {
    if (this.#state === 'done') {
      this.#buffer = afterEnd(this.#buffer.slice(this.#pos));
      this.#pos = 0;
      return;
    }
    if (this.#inScalar) return;
    if (!this.#inRecord) {
      this.#buffer = this.#buffer.slice(this.#pos);
      this.#pos = 0;
      return;
    }
    if (this.#dropped > 0 || this.#buffer.length > this.#maxRecordChars) {
      const cut = Math.max(0, this.#pos - TAIL);
      this.#dropped += cut;
      if (cut > 0) this.#droppedBytes += utf8Length(this.#buffer.slice(0, cut));
      this.#buffer = this.#buffer.slice(cut);
      this.#pos -= cut;
    }
  }
}

/**
 * What matters after the array's `]`, however many chunks it spans: its non-space characters, of
 * which two are enough to tell (only a single `}` may follow).
 */
function afterEnd(text: string): string {
  return text.replace(/\s+/g, '').slice(0, 2);
}

/** Index of the quote that closes a string, searching from `from`; -1 if not in the text yet. */
function closingQuote(text: string, from: number): number {
  for (let i = text.indexOf('"', from); i >= 0; i = text.indexOf('"', i + 1)) {
    let slashes = 0;
    while (text[i - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return i;
  }
  return -1;
}
