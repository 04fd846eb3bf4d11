/**
 * An index of compiled IAM patterns that answers "which patterns could match this value?" without
 * trying each one: a pattern without wildcards matches only its own text (one map look-up); a
 * pattern with wildcards only values that start with its literal prefix (the text before the first
 * `*`/`?`) and end with its literal suffix (after the last). The answer is a superset of the
 * patterns that match; callers still run the matcher on each candidate, so decisions never change.
 * This keeps reduce and evaluation near-linear in the number of patterns (issue #19.5): the
 * previous all-pairs scan took 215 s for 10k distinct tables.
 */
import type { Token } from './wildcard.ts';

interface WildBucket<T> {
  bySuffix: Map<string, T[]>;
  suffixLengths: number[];
}

/** Patterns (compiled tokens) with a value each; see the module comment. */
export class PatternIndex<T> {
  readonly #exact = new Map<string, T[]>();
  readonly #wild = new Map<string, WildBucket<T>>();
  #prefixLengths: number[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** A pattern that matches exactly `text` (no wildcard once escapes are decoded). */
  addLiteral(text: string, item: T): void {
    this.#size++;
    push(this.#exact, text, item);
  }

  add(tokens: readonly Token[], item: T): void {
    const first = tokens.findIndex((t) => t.kind !== 'literal');
    if (first < 0) {
      this.addLiteral(literalText(tokens), item);
      return;
    }
    this.#size++;
    let last = tokens.length - 1;
    while (tokens[last]!.kind === 'literal') last--;
    const prefix = literalText(tokens.slice(0, first));
    const suffix = literalText(tokens.slice(last + 1));
    let bucket = this.#wild.get(prefix);
    if (!bucket) {
      bucket = { bySuffix: new Map(), suffixLengths: [] };
      this.#wild.set(prefix, bucket);
      addLength(this.#prefixLengths, prefix.length);
    }
    if (!bucket.bySuffix.has(suffix)) addLength(bucket.suffixLengths, suffix.length);
    push(bucket.bySuffix, suffix, item);
  }

  /** Every item whose pattern may match `value` (case-sensitive), each once, in no promised order. */
  candidates(value: string): T[] {
    const out: T[] = [...(this.#exact.get(value) ?? [])];
    for (const p of this.#prefixLengths) {
      if (p > value.length) break;
      const bucket = this.#wild.get(value.slice(0, p));
      if (!bucket) continue;
      for (const s of bucket.suffixLengths) {
        if (p + s > value.length) break;
        const items = bucket.bySuffix.get(value.slice(value.length - s));
        if (items) out.push(...items);
      }
    }
    return out;
  }
}

function literalText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.kind === 'literal' ? t.char : '')).join('');
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Inserts into an ascending list of distinct lengths (few distinct lengths: a linear insert). */
function addLength(lengths: number[], n: number): void {
  if (lengths.includes(n)) return;
  lengths.push(n);
  lengths.sort((a, b) => a - b);
}
