import { createInflateRaw, crc32 } from 'node:zlib';

/** Set after the last member when bytes followed that are not gzip: a problem, the data stays. */
export interface GunzipTail {
  trailing?: string;
}

const CORRUPT = (what: string) => new Error(`gzip: ${what} (truncated or corrupt)`);

/**
 * Streams gzip members (RFC 1952) one after the other, checking each member's CRC-32 and size.
 * Unlike zlib's gunzip, bytes after the last member that are not another member do not lose the
 * data before them (issue #19.11): they are reported in `tail.trailing`. Zero padding is ignored,
 * as zlib ignores it.
 */
export async function* gunzipMembers(
  chunks: AsyncIterator<Uint8Array>,
  tail: GunzipTail,
): AsyncGenerator<Uint8Array> {
  const input = new Input(chunks);
  for (;;) {
    await readHeader(input);
    let crc = 0;
    let size = 0;
    for await (const out of inflateMember(input)) {
      crc = crc32(out, crc);
      size = (size + out.length) >>> 0;
      yield out;
    }
    if (!(await input.need(8))) throw CORRUPT('unexpected end of file');
    const trailer = input.take(8);
    if (trailer.readUInt32LE(0) !== crc >>> 0 || trailer.readUInt32LE(4) !== size)
      throw CORRUPT('incorrect data check');
    if (!(await input.need(1)) || input.peek(0) === 0) return;
    if (!(await input.need(2)) || input.peek(0) !== 0x1f || input.peek(1) !== 0x8b) {
      tail.trailing = `${await input.drain()} byte(s) after the gzip data are not gzip; ignored (the data before them was read)`;
      return;
    }
  }
}

async function readHeader(input: Input): Promise<void> {
  if (!(await input.need(10))) throw CORRUPT('unexpected end of file');
  const head = input.take(10);
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw CORRUPT('incorrect header check');
  if (head[2] !== 8) throw CORRUPT('unknown compression method');
  const flags = head[3]!;
  if (flags & 0xe0) throw CORRUPT('unknown header flags set');
  if (flags & 0x04) {
    if (!(await input.need(2))) throw CORRUPT('unexpected end of file');
    const length = input.take(2).readUInt16LE(0);
    if (!(await input.need(length))) throw CORRUPT('unexpected end of file');
    input.take(length);
  }
  for (const bit of [0x08, 0x10]) if (flags & bit) await input.skipZeroTerminated();
  if (flags & 0x02) {
    if (!(await input.need(2))) throw CORRUPT('unexpected end of file');
    input.take(2);
  }
}

/** One member's deflate data: input is written a chunk at a time; what follows it is put back. */
async function* inflateMember(input: Input): AsyncGenerator<Uint8Array> {
  const inflater = createInflateRaw();
  const out: Buffer[] = [];
  let failure: Error | undefined;
  let done = false;
  const ended = new Promise<void>((resolve) => {
    inflater.on('end', () => {
      done = true;
      resolve();
    });
    inflater.on('error', (error) => {
      failure = error;
      resolve();
    });
  });
  inflater.on('data', (d: Buffer) => out.push(d));
  let written = 0;
  for (;;) {
    const chunk = await input.next();
    if (!chunk) {
      inflater.end();
      await ended;
      throw CORRUPT(failure?.message ?? 'unexpected end of file');
    }
    written += chunk.length;
    await new Promise<void>((resolve) => inflater.write(chunk, () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
    if (failure) throw CORRUPT(failure.message);
    // The deflate data ended inside this chunk when the engine stopped consuming it.
    const left = written - inflater.bytesWritten;
    if (left > 0) {
      await ended;
      input.unshift(chunk.subarray(chunk.length - left));
    }
    yield* out.splice(0);
    // Ended exactly at the chunk's end (done), or inside it (left): what follows is not deflate data.
    if (left > 0 || done) return;
  }
}

/** Input bytes with look-ahead and put-back. */
class Input {
  readonly #chunks: AsyncIterator<Uint8Array>;
  #pending = Buffer.alloc(0);

  constructor(chunks: AsyncIterator<Uint8Array>) {
    this.#chunks = chunks;
  }

  async need(n: number): Promise<boolean> {
    while (this.#pending.length < n) {
      const next = await this.#chunks.next();
      if (next.done) return false;
      this.#pending = Buffer.concat([this.#pending, next.value]);
    }
    return true;
  }

  peek(i: number): number {
    return this.#pending[i]!;
  }

  take(n: number): Buffer {
    const head = this.#pending.subarray(0, n);
    this.#pending = this.#pending.subarray(n);
    return head;
  }

  unshift(bytes: Uint8Array): void {
    this.#pending = Buffer.concat([bytes, this.#pending]);
  }

  /** The pending bytes, else the next chunk; undefined at the end. */
  async next(): Promise<Buffer | undefined> {
    if (this.#pending.length > 0) return this.take(this.#pending.length);
    const next = await this.#chunks.next();
    return next.done
      ? undefined
      : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
  }

  async skipZeroTerminated(): Promise<void> {
    for (let from = 0; ;) {
      const zero = this.#pending.indexOf(0, from);
      if (zero >= 0) {
        this.take(zero + 1);
        return;
      }
      from = this.#pending.length;
      if (!(await this.need(from + 1))) throw CORRUPT('unexpected end of file');
    }
  }

  /** Counts (and drops) everything left. */
  async drain(): Promise<number> {
    let n = this.#pending.length;
    this.#pending = Buffer.alloc(0);
    for (let next = await this.#chunks.next(); !next.done; next = await this.#chunks.next())
      n += next.value.length;
    return n;
  }
}
