/**
 * The handful of CloudTrail fields a role filter needs, read from a record's JSON text without
 * building the record: one validating pass over the text, strings decoded only for the fields asked.
 * Not wired into the decoder (issue 18): it is proven equal to `JSON.parse` + `str`/`obj` by
 * test/property/record-fields.property.test.ts, on generated, mutated and real records, but a
 * validating scan in JavaScript costs about 1.9x the CPU of V8's `JSON.parse` of the same record
 * (bench corpus, 31k records), so it pays only where most records would be skipped unparsed.
 */

/** Each field as `str()` would read it from `JSON.parse(text)`: the string, or undefined. */
export interface RecordFields {
  eventType?: string;
  eventSource?: string;
  eventName?: string;
  eventTime?: string;
  awsRegion?: string;
  /** userIdentity.type */
  identityType?: string;
  /** userIdentity.principalId */
  principalId?: string;
  /** userIdentity.invokedBy */
  invokedBy?: string;
  /** userIdentity.sessionContext.sessionIssuer.type */
  issuerType?: string;
  /** userIdentity.sessionContext.sessionIssuer.arn */
  issuerArn?: string;
}

type Field = keyof RecordFields;

// Per object level (record, userIdentity, sessionContext, sessionIssuer): key -> field, and the
// fields a repeated key resets (JSON.parse keeps the last occurrence of a key, whole).
const TOP: Readonly<Record<string, Field>> = {
  eventType: 'eventType',
  eventSource: 'eventSource',
  eventName: 'eventName',
  eventTime: 'eventTime',
  awsRegion: 'awsRegion',
};
const IDENTITY: Readonly<Record<string, Field>> = {
  type: 'identityType',
  principalId: 'principalId',
  invokedBy: 'invokedBy',
};
const ISSUER: Readonly<Record<string, Field>> = { type: 'issuerType', arn: 'issuerArn' };
const ISSUER_FIELDS: readonly Field[] = ['issuerType', 'issuerArn'];
const IDENTITY_FIELDS: readonly Field[] = ['identityType', 'principalId', 'invokedBy', ...ISSUER_FIELDS];

/** Deeper nesting is declined (the caller parses): the scanner recurses. */
export const MAX_DEPTH = 512;

class Declined extends Error {}

/** What an object level does with its keys: which field a string value fills, where a key leads. */
type Level = 'top' | 'identity' | 'context' | 'issuer' | 'other';

/**
 * The fields of `text` when it is one JSON object as `JSON.parse` reads it, else undefined (not
 * JSON, not an object, or nested deeper than {@link MAX_DEPTH}: the caller then parses as before).
 */
export function extractRecordFields(text: string): RecordFields | undefined {
  const scan = new Scanner(text);
  try {
    scan.space();
    if (text.charCodeAt(scan.at) !== 0x7b) return undefined;
    scan.object('top', 0);
    scan.space();
    return scan.at === text.length ? scan.fields : undefined;
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}

class Scanner {
  at = 0;
  readonly fields: RecordFields = {};
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  space(): void {
    const t = this.#text;
    for (;;) {
      const c = t.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.at++;
    }
  }

  object(level: Level, depth: number): void {
    if (depth >= MAX_DEPTH) throw new Declined();
    this.at++; // {
    this.space();
    if (this.#text.charCodeAt(this.at) === 0x7d) {
      this.at++;
      return;
    }
    for (;;) {
      if (this.#text.charCodeAt(this.at) !== 0x22) throw new Declined();
      const key = this.string(true)!;
      this.space();
      if (this.#text.charCodeAt(this.at) !== 0x3a) throw new Declined();
      this.at++;
      this.space();
      this.member(level, key, depth);
      this.space();
      const c = this.#text.charCodeAt(this.at++);
      if (c === 0x7d) return;
      if (c !== 0x2c) throw new Declined();
      this.space();
    }
  }

  /** One member's value; a repeated key first forgets what its earlier value gave. */
  member(level: Level, key: string, depth: number): void {
    const table =
      level === 'top' ? TOP : level === 'identity' ? IDENTITY : level === 'issuer' ? ISSUER : undefined;
    const field = table && Object.hasOwn(table, key) ? table[key] : undefined;
    const next = childLevel(level, key);
    if (field) this.forget([field]);
    if (next === 'identity') this.forget(IDENTITY_FIELDS);
    if (next === 'context' || next === 'issuer') this.forget(ISSUER_FIELDS);
    const c = this.#text.charCodeAt(this.at);
    if (c === 0x22) {
      const value = this.string(field !== undefined);
      if (field) this.fields[field] = value!;
    } else if (c === 0x7b) this.object(next, depth + 1);
    else this.value(depth);
  }

  forget(fields: readonly Field[]): void {
    for (const f of fields) if (this.fields[f] !== undefined) delete this.fields[f];
  }

  /** Any JSON value, validated and skipped. */
  value(depth: number): void {
    const t = this.#text;
    const c = t.charCodeAt(this.at);
    if (c === 0x22) this.string(false);
    else if (c === 0x7b) this.object('other', depth + 1);
    else if (c === 0x5b) this.array(depth + 1);
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.number();
  }

  array(depth: number): void {
    if (depth >= MAX_DEPTH) throw new Declined();
    this.at++; // [
    this.space();
    if (this.#text.charCodeAt(this.at) === 0x5d) {
      this.at++;
      return;
    }
    for (;;) {
      this.value(depth);
      this.space();
      const c = this.#text.charCodeAt(this.at++);
      if (c === 0x5d) return;
      if (c !== 0x2c) throw new Declined();
      this.space();
    }
  }

  literal(word: string): void {
    if (!this.#text.startsWith(word, this.at)) throw new Declined();
    this.at += word.length;
  }

  number(): void {
    const t = this.#text;
    let i = this.at;
    if (t.charCodeAt(i) === 0x2d) i++;
    if (t.charCodeAt(i) === 0x30) i++;
    else if (isDigit19(t.charCodeAt(i))) while (isDigit(t.charCodeAt(i))) i++;
    else throw new Declined();
    if (t.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(t.charCodeAt(i))) throw new Declined();
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = t.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(t.charCodeAt(i))) throw new Declined();
      while (isDigit(t.charCodeAt(i))) i++;
    }
    this.at = i;
  }

  /** A string, validated; decoded (by JSON.parse itself, so escapes read the same) when `decode`. */
  string(decode: boolean): string | undefined {
    const t = this.#text;
    const start = this.at;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (Number.isNaN(c) || c < 0x20) throw new Declined();
      if (c === 0x5c) {
        escaped = true;
        const e = t.charCodeAt(i + 1);
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(t.charCodeAt(i + k))) throw new Declined();
          i += 6;
          continue;
        }
        if (!ESCAPES.has(e)) throw new Declined();
        i += 2;
        continue;
      }
      i++;
    }
    this.at = i + 1;
    if (!decode) return undefined;
    return escaped ? (JSON.parse(t.slice(start, i + 1)) as string) : t.slice(start + 1, i);
  }
}

function childLevel(level: Level, key: string): Level {
  if (level === 'top' && key === 'userIdentity') return 'identity';
  if (level === 'identity' && key === 'sessionContext') return 'context';
  if (level === 'context' && key === 'sessionIssuer') return 'issuer';
  return 'other';
}

// " \ / b f n r t
const ESCAPES: ReadonlySet<number> = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isDigit19(c: number): boolean {
  return c >= 0x31 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
