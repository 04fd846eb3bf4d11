/**
 * Incremental scanner for CloudTrail's `{"Records":[ {...}, {...} ]}` files: takes text chunks and
 * returns each record's JSON text as soon as it is complete, so a file of any size is never held as
 * one string and one bad record does not lose the others. Only string/brace structure is tracked
 * (each record is parsed later, on its own), and scanning resumes where the last chunk stopped. A
 * record longer than `maxRecordChars` is not kept in memory: it is returned as `{ tooLarge }`.
 */
export type ScannedRecord = string | { tooLarge: number };

const STRUCTURE = /[{}"[\]]/g;
const OPENING = /^\uFEFF?\s*\{\s*"Records"\s*:\s*\[/;
/** Characters kept of an oversized record, to see whether a quote is escaped. */
const TAIL = 64;

export class RecordsScanner {
  readonly #maxRecordChars: number;
  #buffer = '';
  #state: 'start' | 'records' | 'done' = 'start';
  /** Scan position in the buffer, and the current record's state. */
  #pos = 0;
  #inRecord = false;
  #depth = 0;
  #inString = false;
  #dropped = 0;
  /** Set when the text is not a Records file; the caller falls back to a whole-document parse. */
  notRecordsFile = false;

  constructor(maxRecordChars = Number.POSITIVE_INFINITY) {
    this.#maxRecordChars = maxRecordChars;
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
    if (this.#state === 'done')
      return this.#buffer === '' || this.#buffer === '}' ? undefined : 'text after the Records array';
    return this.#state === 'start' ? 'no Records array' : 'truncated: the Records array does not end';
  }

  #openRecords(): boolean {
    const m = OPENING.exec(this.#buffer);
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
      if (!this.#inRecord) {
        while (this.#pos < b.length && (b[this.#pos] === ',' || /\s/.test(b[this.#pos]!))) this.#pos++;
        if (this.#pos >= b.length) return;
        if (b[this.#pos] === ']') {
          this.#state = 'done';
          this.#pos++;
          return;
        }
        if (!this.#startRecord(b, out)) return;
        continue;
      }
      const end = this.#scan(b);
      if (end < 0) return;
      out.push(this.#dropped > 0 ? { tooLarge: this.#dropped + end } : b.slice(0, end));
      this.#buffer = b.slice(end);
      this.#pos = 0;
      this.#inRecord = false;
      this.#dropped = 0;
    }
  }

  /** Starts a record at #pos; scalars (not records) are returned whole for the caller to reject. */
  #startRecord(b: string, out: ScannedRecord[]): boolean {
    const c = b[this.#pos];
    if (c === '{' || c === '[' || c === '"') {
      this.#buffer = b.slice(this.#pos);
      this.#pos = 0;
      this.#inRecord = true;
      this.#depth = 0;
      this.#inString = false;
      return true;
    }
    const stop = b.slice(this.#pos).search(/[,\]\s]/);
    if (stop < 0) return false;
    out.push(b.slice(this.#pos, this.#pos + stop));
    this.#pos += stop;
    return true;
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
    if (!this.#inRecord) {
      this.#buffer = this.#buffer.slice(this.#pos);
      this.#pos = 0;
      return;
    }
    if (this.#dropped > 0 || this.#buffer.length > this.#maxRecordChars) {
      const cut = Math.max(0, this.#pos - TAIL);
      this.#dropped += cut;
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
