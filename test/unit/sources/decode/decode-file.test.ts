import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { decodeCloudTrailBytes, type DecodedFile } from '../../../../src/sources/decode/decode-file.ts';

/** Every record a decode produced. */
const all = (d: DecodedFile): unknown[] => d.records;
import { cloudTrailRecord } from '../../../support/records.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const record = cloudTrailRecord();

describe('decodeCloudTrailBytes: every accepted shape', () => {
  it('reads {"Records":[...]} as delivered to S3, gzipped', async () => {
    const bytes = gzipSync(utf8(JSON.stringify({ Records: [record, record] })));
    const out = await decodeCloudTrailBytes('x_CloudTrail_eu-west-1_20261120T1005Z_abc.json.gz', bytes);
    expect(all(out)).to.have.length(2);
    expect(out.problem).to.equal(undefined);
  });

  it('reads lookup-events output, one bad CloudTrailEvent string counted, the others kept', async () => {
    const doc = {
      Events: [
        { EventId: '1', CloudTrailEvent: JSON.stringify(record) },
        { EventId: '2', CloudTrailEvent: '{oops' },
      ],
    };
    const out = await decodeCloudTrailBytes('lookup.json', utf8(JSON.stringify(doc)));
    expect(all(out)).to.have.length(1);
    expect(out.rejected).to.deep.equal([
      { index: 1, reason: 'malformed', detail: 'CloudTrailEvent is not valid JSON' },
    ]);
  });

  it('reads a single event, and an EventBridge envelope', async () => {
    expect(all(await decodeCloudTrailBytes('one.json', utf8(JSON.stringify(record))))).to.have.length(1);
    const envelope = {
      version: '0',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.s3',
      detail: record,
    };
    expect(all(await decodeCloudTrailBytes('eb.json', utf8(JSON.stringify(envelope))))).to.deep.equal([
      record,
    ]);
  });

  it('reads JSON Lines, keeping good lines around a bad one', async () => {
    const text = `${JSON.stringify(record)}\nnot json\n${JSON.stringify(record)}\n`;
    const out = await decodeCloudTrailBytes('events.jsonl', utf8(text));
    expect(all(out)).to.have.length(2);
    expect(out.rejected).to.deep.equal([
      { index: 1, reason: 'malformed', detail: 'line 2 is not valid JSON' },
    ]);
    expect(out.indexes, 'the records after a bad line keep their own index').to.deep.equal([0, 2]);
  });

  it('strips a UTF-8 BOM', async () => {
    expect(
      all(await decodeCloudTrailBytes('bom.json', utf8(`\ufeff${JSON.stringify({ Records: [record] })}`))),
    ).to.have.length(1);
    expect(
      all(await decodeCloudTrailBytes('bom2.json', utf8(`\ufeff${JSON.stringify(record)}`))),
    ).to.have.length(1);
  });
});

describe('decodeCloudTrailBytes: bad files are problems, never exceptions', () => {
  it('names a .gz file that is not gzip', async () => {
    expect((await decodeCloudTrailBytes('a.json.gz', utf8('{}'))).problem).to.match(/not gzip/);
  });

  it('names truncated gzip', async () => {
    const bytes = gzipSync(utf8(JSON.stringify({ Records: [record] })));
    expect((await decodeCloudTrailBytes('a.json.gz', bytes.subarray(0, bytes.length - 12))).problem).to.match(
      /gzip: .*truncated/,
    );
  });

  it('names invalid JSON', async () => {
    expect((await decodeCloudTrailBytes('a.json', utf8('{"eventName": '))).problem).to.match(/^invalid JSON/);
  });

  it('names a truncated Records file and keeps every complete record before the cut', async () => {
    const text = JSON.stringify({ Records: [record, record, record] });
    const out = await decodeCloudTrailBytes('a.json', utf8(text.slice(0, text.length - 40)));
    expect(out.problem).to.equal('truncated: the Records array does not end');
    expect(all(out)).to.have.length(2);
  });

  it('keeps the records a truncated gzip stream delivered before the damage', async () => {
    const many = Array.from({ length: 400 }, (_, i) => cloudTrailRecord({ requestID: `r${i}` }));
    const bytes = gzipSync(utf8(JSON.stringify({ Records: many })));
    const out = await decodeCloudTrailBytes('a.json.gz', bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    expect(out.problem).to.match(/gzip: .*truncated/);
    expect(all(out).length).to.be.greaterThan(100).and.lessThan(400);
  });

  it('names a document of the wrong shape', async () => {
    expect((await decodeCloudTrailBytes('a.json', utf8('{"hello": 1}'))).problem).to.match(
      /not a CloudTrail document/,
    );
    expect((await decodeCloudTrailBytes('b.json', utf8('42'))).problem).to.match(/not a CloudTrail document/);
  });

  it('keeps records around entries of the wrong type', async () => {
    const out = await decodeCloudTrailBytes(
      'a.json',
      utf8(JSON.stringify({ Records: [record, 'x', null, record] })),
    );
    // The entries of the wrong type reach the ingest, which counts them as not-an-object.
    expect(all(out)).to.deep.equal([record, 'x', null, record]);
  });

  it('warns about invalid UTF-8 but keeps the records', async () => {
    const json = utf8(
      JSON.stringify({
        Records: [cloudTrailRecord({ requestParameters: { tableName: 'orders', key: 'K' } })],
      }),
    );
    const at = new TextDecoder().decode(json).indexOf('"K"') + 1;
    const bytes = new Uint8Array([...json.subarray(0, at), 0xff, 0xfe, ...json.subarray(at)]);
    const out = await decodeCloudTrailBytes('a.json', bytes);
    expect(out.warning).to.match(/invalid UTF-8/);
    expect(all(out)).to.have.length(1);
    expect(JSON.stringify(all(out)[0])).to.include('"key":"\ufffd\ufffdK"');
  });
});

describe('decodeCloudTrailBytes: one record shape, the size limit in bytes, the caller test', () => {
  const withName = (name: string) => ({ ...record, requestParameters: { name } });

  it('measures --max-record-bytes in UTF-8 bytes: a record of few characters but many bytes is too large', async () => {
    const small = withName('a');
    const wide = withName('€'.repeat(200)); // 200 characters, 600 bytes
    const limit = JSON.stringify(small).length + 300;
    expect(JSON.stringify(wide).length).to.be.below(limit);
    const bytes = utf8(JSON.stringify({ Records: [small, wide, small] }));
    for (const options of [{ maxRecordBytes: limit }, { maxRecordBytes: limit, accept: () => true }]) {
      const out = await decodeCloudTrailBytes(
        'x_CloudTrail_eu-west-1_20261120T1005Z_abc.json',
        bytes,
        options,
      );
      expect(out.records).to.deep.equal([small, small]);
      expect(out.indexes).to.deep.equal([0, 2]);
      const wideBytes = Buffer.byteLength(JSON.stringify(wide));
      expect(out.rejected).to.deep.equal([
        { index: 1, reason: 'too-large', detail: `${wideBytes} bytes (limit ${limit})` },
      ]);
    }
  });

  it('tests each record text with accept before parsing it; refused ones are rejected with their index', async () => {
    const keep = withName('keep-me-7f3a');
    const drop = withName('other');
    const bytes = utf8(JSON.stringify({ Records: [drop, keep, drop, keep] }));
    const seen: string[] = [];
    const out = await decodeCloudTrailBytes('x.json', bytes, {
      accept: (text) => (seen.push(text), text.includes('keep-me-7f3a')),
    });
    expect(seen).to.have.length(4);
    expect(out.records).to.deep.equal([keep, keep]);
    expect(out.indexes).to.deep.equal([1, 3]);
    expect(out.rejected.map((r) => [r.index, r.reason])).to.deep.equal([
      [0, 'not-accepted'],
      [2, 'not-accepted'],
    ]);
  });

  it('numbers the entries of other shapes in document order, bad ones included', async () => {
    const doc = [record, 42, record];
    const out = await decodeCloudTrailBytes('array.json', utf8(JSON.stringify(doc)));
    expect(out.indexes).to.deep.equal([0, 2]);
    expect(out.rejected).to.deep.equal([
      { index: 1, reason: 'malformed', detail: 'entry is not a JSON object' },
    ]);
  });
});
