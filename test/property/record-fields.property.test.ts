import { expect } from 'chai';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractRecordFields, MAX_DEPTH, type RecordFields } from '../../src/ingest/record-fields.ts';
import { isObject, obj, str, type JsonObject } from '../../src/ingest/fields.ts';
import { cloudTrailRecord } from '../support/records.ts';
import { SAMPLES } from '../support/run-cli.ts';

/** What the role filter reads from a parsed record: the reference the extractor must equal. */
function fromParsed(record: JsonObject): RecordFields {
  const identity = obj(record, 'userIdentity');
  const issuer = obj(obj(identity, 'sessionContext'), 'sessionIssuer');
  const all: Record<string, string | undefined> = {
    eventType: str(record, 'eventType'),
    eventSource: str(record, 'eventSource'),
    eventName: str(record, 'eventName'),
    eventTime: str(record, 'eventTime'),
    awsRegion: str(record, 'awsRegion'),
    identityType: str(identity, 'type'),
    principalId: str(identity, 'principalId'),
    invokedBy: str(identity, 'invokedBy'),
    issuerType: str(issuer, 'type'),
    issuerArn: str(issuer, 'arn'),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as RecordFields;
}

/** The extractor agrees with JSON.parse: same fields for an object, and declines what JSON.parse rejects. */
function expectSameAsParse(text: string): void {
  let parsed: unknown;
  let ok = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    ok = false;
  }
  const got = extractRecordFields(text);
  if (!ok || !isObject(parsed)) {
    expect(got, text.slice(0, 300)).to.equal(undefined);
    return;
  }
  expect(got, text.slice(0, 300)).to.deep.equal(fromParsed(parsed));
}

const FIELD_KEYS = ['eventType', 'eventSource', 'eventName', 'eventTime', 'awsRegion', 'userIdentity'];
const IDENTITY_KEYS = ['type', 'principalId', 'invokedBy', 'sessionContext', 'arn'];

/** JSON values whose keys are often the ones the extractor looks for, at every level, repeated. */
const keyed = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
  object: fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...FIELD_KEYS, ...IDENTITY_KEYS, 'sessionIssuer', '__proto__'), fc.string()),
        tie('value'),
      ),
      { maxLength: 6 },
    )
    .map((entries) => entries),
}));

/** An object's JSON with its entries in order, duplicate keys kept (JSON.stringify cannot write those). */
function objectText(entries: unknown): string {
  if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && e.length === 2)) {
    return JSON.stringify(entries) ?? 'null';
  }
  return `{${(entries as [string, unknown][]).map(([k, v]) => `${JSON.stringify(k)}:${valueText(v)}`).join(',')}}`;
}

function valueText(v: unknown): string {
  if (Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string'))
    return objectText(v);
  if (Array.isArray(v)) return `[${v.map(valueText).join(',')}]`;
  return JSON.stringify(v) ?? 'null';
}

/** Every `\uXXXX`-escaped spelling a writer may use, and JSON's own whitespace. */
function respell(text: string, escapes: boolean[], spaces: boolean[]): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && text[i - 1] !== '\\') inString = !inString;
    if (inString && escapes[i % escapes.length] && /[A-Za-z]/.test(c) && text[i - 1] !== '\\')
      out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
    if (!inString && spaces[i % spaces.length] && /[{},:[\]]/.test(c)) out += ' \n\t\r'[i % 4];
  }
  return out;
}

/** Record texts from the real corpora (../shared/corpora, when present) and samples/. */
function realRecordTexts(limit: number): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (out.length >= limit) return;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.json(\.gz)?$/.test(name)) {
        let text: string;
        try {
          const bytes = readFileSync(path);
          text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
        } catch {
          continue;
        }
        out.push(text);
        try {
          const value: unknown = JSON.parse(text);
          const records = isObject(value) && Array.isArray(value['Records']) ? value['Records'] : [];
          for (const r of records.slice(0, 50)) out.push(JSON.stringify(r));
        } catch {
          // not JSON: the file's text itself is the case
        }
      }
    }
  };
  const shared = new URL('../../../shared/corpora', import.meta.url).pathname;
  if (existsSync(shared)) walk(shared);
  walk(join(SAMPLES, 'cloudtrail'));
  return out;
}

describe('record field extractor equals JSON.parse (property)', () => {
  it('on generated records, respelled with escapes and whitespace', () => {
    fc.assert(
      fc.property(
        fc.record({
          roleArn: fc.constantFrom('arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/p/b'),
        }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        (opts, escapes, spaces) =>
          expectSameAsParse(respell(JSON.stringify(cloudTrailRecord(opts)), escapes, spaces)),
      ),
      { numRuns: 300 },
    );
  });

  it('on objects with the looked-for keys anywhere, repeated, with any values', () => {
    fc.assert(
      fc.property(keyed.object, (entries) => expectSameAsParse(objectText(entries))),
      { numRuns: 2000 },
    );
  });

  it('on any JSON value, and on JSON cut, spliced or with a character changed (hostile text)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.json(), keyed.object.map(objectText)),
        fc.nat(),
        fc.nat(),
        fc.oneof(
          fc.string({ maxLength: 3 }),
          fc.constantFrom('\u000b', '\f', '\u00a0', '\ufeff', '\u2028', '\\', '"', '\u0000'),
        ),
        (text, a, b, insert) => {
          expectSameAsParse(text);
          const i = a % (text.length + 1);
          const j = Math.min(text.length, i + (b % 4));
          expectSameAsParse(text.slice(0, i) + insert + text.slice(j));
          expectSameAsParse(text.slice(0, i));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on the number, literal, string and escape edge cases JSON.parse decides', () => {
    const values = [
      '-0',
      '0',
      '01',
      '1.',
      '.5',
      '1e5',
      '1E+5',
      '1e',
      '-',
      '+1',
      'tru',
      'nul',
      'NaN',
      '"\\u00e9"',
      '"\\ud800"',
      '"\\x41"',
      '"\\u12"',
      '"a\tb"',
      '"\u2028"',
      '[1,]',
      '[,1]',
      '{}',
      '[]',
    ];
    for (const v of values) {
      expectSameAsParse(`{"eventName":${v}}`);
      expectSameAsParse(`{"eventName":"x","a":${v}}`);
      expectSameAsParse(`{"userIdentity":{"type":${v}}}`);
    }
    for (const text of [
      '',
      ' ',
      '{',
      '}',
      '{"a":1} x',
      '\ufeff{}',
      '{"a" 1}',
      '{a:1}',
      "{'a':1}",
      '[{}]',
      '"x"',
      'null',
    ])
      expectSameAsParse(text);
  });

  it('declines nesting deeper than its limit (the caller parses), and reads just below it', () => {
    const deep = (n: number) => `{"eventName":"x","a":${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(extractRecordFields(deep(MAX_DEPTH + 5))).to.equal(undefined);
    expect(extractRecordFields(deep(MAX_DEPTH - 5))).to.deep.equal({ eventName: 'x' });
  });

  it('on real record files and records (../shared/corpora when present, samples/)', () => {
    const texts = realRecordTexts(3000);
    expect(texts.length).to.be.greaterThan(100);
    for (const text of texts) expectSameAsParse(text);
  });
});
