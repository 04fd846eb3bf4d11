/**
 * Incremental scanner for CloudTrail's `{"Records":[ {...}, {...} ]}` files: takes text chunks and
 * returns each record's JSON text as soon as it is complete, so a file of any size is never held as
 * one string and one bad record does not lose the others. Only string/brace structure is tracked;
 * each record is parsed later, on its own.
 */
export class RecordsScanner {
  #buffer = '';
  #state: 'start' | 'records' | 'done' = 'start';
  /** Set when the text is not a Records file; the caller falls back to a whole-document parse. */
  notRecordsFile = false;

  /** True once the `{"Records":[` opening has been seen. */
  get isRecordsFile(): boolean {
    return this.#state !== 'start';
  }

  /** Feeds a chunk; returns the complete record texts it finished. */
  push(chunk: string): string[] {
    if (this.#state === 'done' || this.notRecordsFile) return [];
    this.#buffer += chunk;
    if (this.#state === 'start' && !this.#openRecords()) return [];
    return this.#drain();
  }

  /** After the last chunk: undefined if the file ended properly, else what is wrong. */
  finish(): string | undefined {
    if (this.notRecordsFile) return undefined;
    if (this.#state === 'done')
      return /\S/.test(this.#buffer.replace(/^\s*\}\s*/, '')) ? 'text after the Records array' : undefined;
    return this.#state === 'start' ? 'no Records array' : 'truncated: the Records array does not end';
  }

  #openRecords(): boolean {
    const m = /^\uFEFF?\s*\{\s*"Records"\s*:\s*\[/.exec(this.#buffer);
    if (!m) {
      // Not decided until enough text arrived to see the opening.
      if (this.#buffer.length > 64 || /[^\s{"Recods:[\uFEFF]/.test(this.#buffer)) this.notRecordsFile = true;
      return false;
    }
    this.#buffer = this.#buffer.slice(m[0].length);
    this.#state = 'records';
    return true;
  }

  #drain(): string[] {
    const out: string[] = [];
    let i = 0;
    for (;;) {
      while (i < this.#buffer.length && /[\s,]/.test(this.#buffer[i]!)) i++;
      if (i >= this.#buffer.length) break;
      if (this.#buffer[i] === ']') {
        this.#state = 'done';
        i++;
        break;
      }
      const end = objectEnd(this.#buffer, i);
      if (end < 0) break;
      out.push(this.#buffer.slice(i, end));
      i = end;
    }
    this.#buffer = this.#buffer.slice(i);
    return out;
  }
}

const STRUCTURE = /[{}"[\]]/g;

/**
 * End index (exclusive) of the JSON value that starts at `start` with `{` (or any non-object token
 * up to the next `,`/`]`, returned as is for the caller to reject), or -1 if the text ends first.
 */
export function objectEnd(text: string, start: number): number {
  if (text[start] !== '{') {
    const stop = text.slice(start).search(/[,\]]/);
    return stop < 0 ? -1 : start + stop;
  }
  let depth = 0;
  STRUCTURE.lastIndex = start;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    const c = m[0];
    if (c === '"') {
      const close = stringEnd(text, m.index + 1);
      if (close < 0) return -1;
      STRUCTURE.lastIndex = close + 1;
    } else if (c === '{' || c === '[') depth++;
    else if (--depth === 0) return m.index + 1;
  }
  return -1;
}

function stringEnd(text: string, from: number): number {
  for (let i = text.indexOf('"', from); i >= 0; i = text.indexOf('"', i + 1)) {
    let slashes = 0;
    while (text[i - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return i;
  }
  return -1;
}
