/**
 * Incremental line splitter for JSON Lines: takes text chunks and returns each complete line as
 * soon as its `\n` arrives. Each chunk is searched once from where the last one stopped, and a line
 * longer than `maxLineChars` is not kept: it is returned as `{ tooLarge }`, its size in UTF-8 bytes
 * (a 600 MB line of spaces costs one pass and no memory).
 */
export type ScannedLine = string | { tooLarge: number };

export class LinesScanner {
  readonly #maxLineChars: number;
  #buffer = '';
  #dropped = 0;
  #droppedBytes = 0;

  constructor(maxLineChars = Number.POSITIVE_INFINITY) {
    this.#maxLineChars = maxLineChars;
  }

  /** Feeds a chunk; returns the lines it completed (without their `\n`). */
  push(chunk: string): ScannedLine[] {
    const out: ScannedLine[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      out.push(this.#line(chunk.slice(start, nl)));
      start = nl + 1;
    }
    this.#keep(chunk.slice(start));
    return out;
  }

  /** After the last chunk: the final line when the text does not end with `\n`. */
  finish(): ScannedLine | undefined {
    if (this.#buffer === '' && this.#dropped === 0) return undefined;
    return this.#line('');
  }

  #line(tail: string): ScannedLine {
    const length = this.#dropped + this.#buffer.length + tail.length;
    const line: ScannedLine =
      length > this.#maxLineChars
        ? { tooLarge: this.#droppedBytes + Buffer.byteLength(this.#buffer + tail, 'utf8') }
        : this.#buffer + tail;
    this.#buffer = '';
    this.#dropped = 0;
    this.#droppedBytes = 0;
    return line;
  }

  #keep(rest: string): void {
    if (this.#dropped + this.#buffer.length + rest.length > this.#maxLineChars) {
      this.#dropped += this.#buffer.length + rest.length;
      this.#droppedBytes += Buffer.byteLength(this.#buffer + rest, 'utf8');
      this.#buffer = '';
    } else this.#buffer += rest;
  }
}
