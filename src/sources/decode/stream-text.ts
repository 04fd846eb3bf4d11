// A stream's bytes on their way to text: gunzipped when they start with gzip's magic, cut at the
// file-size limit, decoded as UTF-8 across chunk boundaries.
import { gunzipMembers, type GunzipTail } from './gunzip-members.ts';

/** gzip's first two bytes. */
export const GZIP_MAGIC = [0x1f, 0x8b];

/** Decompressed chunks, stopping with an error naming the limit once more than `maxBytes` came out. */
export async function* decompressed(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
  tail: GunzipTail,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of inflated(name, chunks, tail)) {
    total += chunk.length;
    if (total > maxBytes) {
      const keep = chunk.subarray(0, chunk.length - (total - maxBytes));
      if (keep.length > 0) yield keep;
      throw new Error(
        `larger than ${maxBytes} bytes of JSON (--max-file-bytes); read no further, the records before that point were kept`,
      );
    }
    yield chunk;
  }
}

async function* inflated(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  tail: GunzipTail,
): AsyncGenerator<Uint8Array> {
  const iterator = (
    Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : toAsync(chunks as Iterable<Uint8Array>)
  ) as AsyncIterator<Uint8Array>;
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  if (!gzip) {
    if (/\.gz$/i.test(name)) throw new Error('not gzip data, though the name ends in .gz');
    yield head;
    yield* rest;
    return;
  }
  yield* gunzipMembers(prepend(head, rest)[Symbol.asyncIterator](), tail);
}

async function* prepend(head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  yield* rest;
}

async function* toAsync(items: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* items;
}

/** UTF-8 decoding across chunk boundaries; invalid bytes become U+FFFD with a warning. */
export class Utf8Chunks {
  #decoder = new TextDecoder('utf-8', { fatal: true });
  warning: string | undefined;

  decode(bytes: Uint8Array): string {
    let out: string;
    try {
      out = this.#decoder.decode(bytes, { stream: true });
    } catch {
      this.#decoder = new TextDecoder('utf-8');
      this.warning = 'invalid UTF-8 bytes were replaced with U+FFFD';
      out = this.#decoder.decode(bytes, { stream: true });
    }
    return out;
  }
}
