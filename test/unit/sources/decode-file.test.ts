import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { decodeCloudTrailBytes } from '../../../src/sources/decode-file.ts';
import { cloudTrailRecord } from '../../support/records.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const record = cloudTrailRecord();

describe('decodeCloudTrailBytes: every accepted shape', () => {
  it('reads {"Records":[...]} as delivered to S3, gzipped', () => {
    const bytes = gzipSync(utf8(JSON.stringify({ Records: [record, record] })));
    const out = decodeCloudTrailBytes('x_CloudTrail_eu-west-1_20261120T1005Z_abc.json.gz', bytes);
    expect(out.records).to.have.length(2);
    expect(out.problem).to.equal(undefined);
  });

  it('reads lookup-events output, one bad CloudTrailEvent string counted, the others kept', () => {
    const doc = {
      Events: [
        { EventId: '1', CloudTrailEvent: JSON.stringify(record) },
        { EventId: '2', CloudTrailEvent: '{oops' },
      ],
    };
    const out = decodeCloudTrailBytes('lookup.json', utf8(JSON.stringify(doc)));
    expect(out.records).to.have.length(1);
    expect(out.bad).to.deep.equal([{ index: 1, reason: 'CloudTrailEvent is not valid JSON' }]);
  });

  it('reads a single event, and an EventBridge envelope', () => {
    expect(decodeCloudTrailBytes('one.json', utf8(JSON.stringify(record))).records).to.have.length(1);
    const envelope = {
      version: '0',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.s3',
      detail: record,
    };
    expect(decodeCloudTrailBytes('eb.json', utf8(JSON.stringify(envelope))).records).to.deep.equal([record]);
  });

  it('reads JSON Lines, keeping good lines around a bad one', () => {
    const text = `${JSON.stringify(record)}\nnot json\n${JSON.stringify(record)}\n`;
    const out = decodeCloudTrailBytes('events.jsonl', utf8(text));
    expect(out.records).to.have.length(2);
    expect(out.bad).to.deep.equal([{ index: 1, reason: 'line 2 is not valid JSON' }]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(
      decodeCloudTrailBytes('bom.json', utf8(`\ufeff${JSON.stringify({ Records: [record] })}`)).records,
    ).to.have.length(1);
  });
});

describe('decodeCloudTrailBytes: bad files are problems, never exceptions', () => {
  it('names a .gz file that is not gzip', () => {
    expect(decodeCloudTrailBytes('a.json.gz', utf8('{}')).problem).to.match(/not gzip/);
  });

  it('names truncated gzip', () => {
    const bytes = gzipSync(utf8(JSON.stringify({ Records: [record] })));
    expect(decodeCloudTrailBytes('a.json.gz', bytes.subarray(0, bytes.length - 12)).problem).to.match(
      /gzip: .*truncated/,
    );
  });

  it('names invalid JSON', () => {
    expect(decodeCloudTrailBytes('a.json', utf8('{"Records": [')).problem).to.match(/^invalid JSON/);
  });

  it('names a document of the wrong shape', () => {
    expect(decodeCloudTrailBytes('a.json', utf8('{"hello": 1}')).problem).to.match(
      /not a CloudTrail document/,
    );
    expect(decodeCloudTrailBytes('b.json', utf8('42')).problem).to.match(/not a CloudTrail document/);
  });

  it('keeps records around entries of the wrong type', () => {
    const out = decodeCloudTrailBytes(
      'a.json',
      utf8(JSON.stringify({ Records: [record, 'x', null, record] })),
    );
    expect(out.records).to.have.length(2);
    expect(out.bad.map((b) => b.index)).to.deep.equal([1, 2]);
  });

  it('warns about invalid UTF-8 but keeps the records', () => {
    const json = utf8(
      JSON.stringify({
        Records: [cloudTrailRecord({ requestParameters: { tableName: 'orders', key: 'K' } })],
      }),
    );
    const at = new TextDecoder().decode(json).indexOf('"K"') + 1;
    const bytes = new Uint8Array([...json.subarray(0, at), 0xff, 0xfe, ...json.subarray(at)]);
    const out = decodeCloudTrailBytes('a.json', bytes);
    expect(out.warning).to.match(/invalid UTF-8/);
    expect(out.records).to.have.length(1);
    expect(JSON.stringify(out.records[0])).to.include('"key":"\ufffd\ufffdK"');
  });
});
