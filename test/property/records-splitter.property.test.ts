import { expect } from 'chai';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import {
  decodeCloudTrailStream,
  decodeWholeFile,
  type DecodedFile,
} from '../../src/sources/decode/decode-file.ts';

/**
 * The whole-file fast path (records cut at `},{"eventVersion"` and proven by parsing) must read any
 * text exactly as the streaming scanner does: same records in the same order, same too-large and
 * unparsable entries, same problems. Texts are built to trip it: nested `{"eventVersion"` objects,
 * the separator inside strings, other key orders, scalars, broken records, truncation, trailing text.
 */
type Entry = { value: unknown } | { unparsable: string } | { tooLarge: number } | { bad: string };

/** Every entry of the batches, by its index in the file (records and rejected entries alike). */
function flatten(batches: DecodedFile[]): { entries: Entry[]; problems: string[]; warnings: string[] } {
  const indexed: [number, Entry][] = [];
  for (const b of batches) {
    b.records.forEach((r, i) => indexed.push([b.indexes[i]!, { value: r }]));
    for (const r of b.rejected)
      indexed.push([
        r.index,
        r.reason === 'too-large'
          ? { tooLarge: Number(r.detail.split(' ')[0]) }
          : r.reason === 'malformed'
            ? { bad: r.detail }
            : { unparsable: r.detail },
      ]);
  }
  const indexes = indexed.map(([i]) => i);
  expect(new Set(indexes).size, 'each index once').to.equal(indexes.length);
  return {
    entries: indexed.sort(([a], [b]) => a - b).map(([, e]) => e),
    problems: batches.flatMap((b) => (b.problem ? [b.problem] : [])),
    warnings: batches.flatMap((b) => (b.warning ? [b.warning] : [])),
  };
}

async function streamed(name: string, bytes: Uint8Array, maxRecordChars: number) {
  const out: DecodedFile[] = [];
  // Small chunks, so records straddle chunk boundaries as they do when streaming.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 97) }, (_, i) =>
    bytes.subarray(i * 97, (i + 1) * 97),
  );
  for await (const part of decodeCloudTrailStream(name, chunks, { maxRecordBytes: maxRecordChars }))
    out.push(part);
  return flatten(out);
}

function whole(name: string, bytes: Uint8Array, maxRecordChars: number) {
  const batches = decodeWholeFile(name, bytes, { maxRecordBytes: maxRecordChars });
  expect(batches, 'the fast path applies to valid UTF-8 text').to.not.equal(undefined);
  return flatten([...batches!]);
}

const tricky = fc.constantFrom(
  '},{"eventVersion"',
  '\\"},{\\"eventVersion\\"',
  'é',
  '\\u2028',
  '"',
  '\\\\',
  '}]}',
  'plain',
);
const nested = fc.record({
  eventVersion: fc.constantFrom('1.08', 'x'),
  inner: fc.array(tricky, { maxLength: 2 }),
});
const record = fc.record(
  {
    eventVersion: fc.constantFrom('1.08', '1.09'),
    eventName: fc.string({ maxLength: 8 }),
    requestParameters: fc.oneof(
      fc.constant(null),
      fc.record({ key: tricky, nested: fc.array(nested, { maxLength: 2 }) }),
    ),
    resources: fc.array(fc.record({ ARN: fc.string({ maxLength: 6 }) }), { maxLength: 2 }),
  },
  { requiredKeys: ['eventVersion'] },
);
/** One element of the Records array as text. */
const element = fc.oneof(
  { weight: 6, arbitrary: record.map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: record.map((r) => JSON.stringify({ other: 1, ...r })) },
  { weight: 1, arbitrary: record.map((r) => JSON.stringify(r, null, 1)) },
  { weight: 1, arbitrary: fc.constantFrom('42', '"s"', 'null', '[1,{"eventVersion":"1"}]') },
  { weight: 1, arbitrary: fc.constantFrom('{"eventVersion":"1', '{"eventVersion":}', '{"a":{"b":1}') },
);
const recordsText = fc
  .record({
    elements: fc.array(element, { maxLength: 12 }),
    separator: fc.constantFrom(',', ',', ', ', ',\n'),
    opening: fc.constantFrom('{"Records":[', '{ "Records" : [', '\ufeff{"Records":['),
    ending: fc.constantFrom(']}', ']}', ' ] }\n', ']', ']}x', ''),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ elements, separator, opening, ending, cut }) => {
    const text = `${opening}${elements.join(separator)}${ending}`;
    return cut === undefined ? text : text.slice(0, cut % (text.length + 1));
  });

describe('records splitter: the whole-file fast path reads what the streaming scanner reads', () => {
  it('on any Records text, plain or gzip, with or without a record size limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        recordsText,
        fc.boolean(),
        fc.constantFrom(Number.POSITIVE_INFINITY, 400, 60),
        async (text, gzip, maxRecordChars) => {
          const name = gzip ? 'f.json.gz' : 'f.json';
          const bytes = gzip ? gzipSync(text) : new TextEncoder().encode(text);
          expect(whole(name, bytes, maxRecordChars)).to.deep.equal(
            await streamed(name, bytes, maxRecordChars),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hands well-formed CloudTrail files on parsed, in order, with nothing left to scan', () => {
    const records = Array.from({ length: 12_000 }, (_, i) => ({ eventVersion: '1.08', eventID: `e${i}` }));
    const bytes = gzipSync(JSON.stringify({ Records: records }));
    const batches = [...decodeWholeFile('big.json.gz', bytes)!];
    expect(batches.flatMap((b) => b.rejected)).to.deep.equal([]);
    expect(batches.flatMap((b) => b.indexes)).to.deep.equal(records.map((_, i) => i));
    expect(batches.flatMap((b) => b.records)).to.deep.equal(records);
    expect(batches.every((b) => !b.problem)).to.equal(true);
  });

  it('leaves damaged gzip and invalid UTF-8 to the streaming path', () => {
    const bytes = gzipSync('{"Records":[]}');
    expect(decodeWholeFile('a.json.gz', bytes.subarray(0, bytes.length - 6))).to.equal(undefined);
    expect(decodeWholeFile('a.json', new Uint8Array([0x7b, 0xff, 0x7d]))).to.equal(undefined);
    expect(decodeWholeFile('a.json.gz', new TextEncoder().encode('{}'))).to.equal(undefined);
  });
});
