import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { RecordsScanner } from '../../../../src/sources/decode/records-scanner.ts';
import { LinesScanner } from '../../../../src/sources/decode/lines-scanner.ts';
import {
  decodeCloudTrailBytes,
  decodeCloudTrailStream,
  WHOLE_FILE_MAX_BYTES,
  type DecodedFile,
} from '../../../../src/sources/decode/decode-file.ts';
import { OtherShapesStream } from '../../../../src/sources/decode/other-shapes-stream.ts';
import { cloudTrailRecord } from '../../../support/records.ts';

// Issue #19.6, #19.7, #19.11: hostile files are read in bounded memory and linear work, and the
// good records in them are kept. Big inputs are generated chunk by chunk while they are read.
const record = cloudTrailRecord();
const text = JSON.stringify(record);
const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function collect(parts: AsyncIterable<DecodedFile>) {
  const out = {
    records: [] as unknown[],
    tooLarge: [] as number[],
    bad: [] as string[],
    problems: [] as string[],
  };
  for await (const p of parts) {
    out.records.push(...p.records);
    for (const r of p.rejected) {
      if (r.reason === 'too-large') out.tooLarge.push(Number(r.detail.split(' ')[0]));
      else out.bad.push(r.detail);
    }
    if (p.problem) out.problems.push(p.problem);
  }
  return out;
}

/** `count` chunks of `piece`, made as they are read (never one buffer of the whole). */
function* repeated(head: string, piece: string, count: number, end: string): Generator<Uint8Array> {
  yield utf8(head);
  const chunk = utf8(piece);
  for (let i = 0; i < count; i++) yield chunk;
  yield utf8(end);
}

describe('hostile files: bounded memory, linear work, nothing good lost', () => {
  it('drops a 40 MB scalar as it arrives and keeps the records around it', async () => {
    const digits = '1'.repeat(64 * 1024);
    const chunks = repeated(`{"Records":[${text},`, digits, 640, `,${text}]}`);
    const out = await collect(decodeCloudTrailStream('digits.json', chunks, { maxRecordBytes: 1024 * 1024 }));
    expect(out.records).to.have.length(2);
    expect(out.tooLarge).to.deep.equal([640 * 64 * 1024]);
    expect(out.problems).to.deep.equal([]);
  });

  it('scans a scalar split over many chunks without holding it: the buffer stays bounded', () => {
    const scanner = new RecordsScanner(1000);
    scanner.push('{"Records":[');
    for (let i = 0; i < 1000; i++) expect(scanner.push('9'.repeat(997))).to.deep.equal([]);
    expect(scanner.push(',{}]}')).to.deep.equal([{ tooLarge: 997_000 }, '{}']);
    expect(scanner.finish()).to.equal(undefined);
  });

  it('skips 20 MB of white space between records', async () => {
    const chunks = repeated(`{"Records":[${text},`, ' '.repeat(64 * 1024), 320, `${text}]}`);
    const out = await collect(decodeCloudTrailStream('spaces.json', chunks, { maxRecordBytes: 1024 * 1024 }));
    expect(out.records).to.have.length(2);
    expect(out.problems).to.deep.equal([]);
  });

  it('streams JSON Lines past the whole-file size: every line kept, a too-long line counted', async () => {
    const line = `${text}\n`;
    const count = Math.ceil((WHOLE_FILE_MAX_BYTES + 1) / line.length) + 10;
    const chunks = repeated('', line, count, `${'x'.repeat(4 * text.length)}\n{oops\n${text}\n`);
    const out = await collect(
      decodeCloudTrailStream('big.jsonl', chunks, { maxRecordBytes: 100 + text.length }),
    );
    expect(out.records).to.have.length(count + 1);
    expect(out.tooLarge).to.deep.equal([4 * text.length]);
    expect(out.bad).to.deep.equal([`line ${count + 2} is not valid JSON`]);
  });

  it('streams a bare array and lookup-events output entry by entry, as a whole parse reads them', () => {
    const bare = new OtherShapesStream({ maxRecordBytes: 1e6 });
    const a = bare.push(`  [${text},42,`);
    const b = bare.push(`${text}]`);
    expect([...a.records, ...b.records]).to.have.length(2);
    expect([...a.rejected, ...b.rejected]).to.deep.equal([
      { index: 1, reason: 'malformed', detail: 'entry is not a JSON object' },
    ]);
    expect([...a.indexes, ...b.indexes]).to.deep.equal([0, 2]);
    expect(bare.finish(false).problem).to.equal(undefined);
    const events = new OtherShapesStream({ maxRecordBytes: 1e6 });
    const e = events.push(
      `{"Events":[{"EventId":"1","CloudTrailEvent":${JSON.stringify(text)}}],"NextToken":"t"}`,
    );
    expect(e.records).to.deep.equal([record]);
    expect(events.finish(false).problem).to.equal(undefined);
  });

  it('stops at --max-file-bytes with a problem naming the limit, keeping the records before it', async () => {
    const chunks = repeated('{"Records":[', `${text},`, 100, `${text}]}`);
    const out = await collect(
      decodeCloudTrailStream('bomb.json', chunks, { maxFileBytes: 10 * text.length }),
    );
    expect(out.records.length).to.be.within(8, 10);
    expect(out.problems).to.have.length(1);
    expect(out.problems[0]).to.match(/larger than \d+ bytes of JSON \(--max-file-bytes\)/);
  });

  it('applies --max-file-bytes to small gzip files too', async () => {
    const bytes = gzipSync(utf8(JSON.stringify({ Records: Array.from({ length: 50 }, () => record) })));
    const out = await decodeCloudTrailBytes('small.json.gz', bytes, { maxFileBytes: 5 * text.length });
    expect(out.problem).to.match(/--max-file-bytes/);
    expect(out.records.length).to.be.within(3, 5);
  });

  it('keeps a complete gzip member followed by garbage, and reports the garbage', async () => {
    const member = gzipSync(utf8(JSON.stringify({ Records: [record, record] })));
    const out = await decodeCloudTrailBytes('x.json.gz', Buffer.concat([member, Buffer.alloc(70, 0x41)]));
    expect(out.records).to.have.length(2);
    expect(out.problem).to.equal(
      '70 byte(s) after the gzip data are not gzip; ignored (the data before them was read)',
    );
  });

  it('reads concatenated gzip members, and still names a damaged one', async () => {
    const one = gzipSync(utf8(`{"Records":[${text},`));
    const two = gzipSync(utf8(`${text}]}`));
    const out = await decodeCloudTrailBytes('m.json.gz', Buffer.concat([one, two]));
    expect(out.records).to.have.length(2);
    expect(out.problem).to.equal(undefined);
    const flipped = Buffer.concat([one, two]);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 6) ^ 0xff, flipped.length - 6); // the second member's CRC-32
    expect((await decodeCloudTrailBytes('m.json.gz', flipped)).problem).to.match(
      /gzip: incorrect data check/,
    );
  });

  it('reads one NUL byte between records as one stray entry, a problem, and both records whole', async () => {
    const out = await decodeCloudTrailBytes('nul.json', utf8(`{"Records":[${text},\u0000${text}]}`));
    expect(out.records).to.deep.equal([record, record]);
    expect(out.indexes).to.deep.equal([0, 2]);
    expect(out.rejected.map((r) => [r.index, r.reason])).to.deep.equal([[1, 'malformed']]);
    expect(out.problem).to.match(/1 stray text run\(s\) between records/);
  });

  it('splits lines in one pass and drops a line over the limit as it arrives', () => {
    const lines = new LinesScanner(5);
    expect(lines.push('ab\ncd')).to.deep.equal(['ab']);
    expect(lines.push('efgh')).to.deep.equal([]);
    expect(lines.push('\nx')).to.deep.equal([{ tooLarge: 6 }]);
    expect(lines.finish()).to.equal('x');
  });
});
