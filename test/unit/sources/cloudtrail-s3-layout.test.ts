import { expect } from 'chai';
import { UsageError } from '../../../src/errors.ts';
import { dateFolderInRange, dayRange, enumerateDays } from '../../../src/sources/cloudtrail-s3-days.ts';
import { layoutPosition, parseS3Url } from '../../../src/sources/cloudtrail-s3-layout.ts';

describe('CloudTrail S3 layout', () => {
  it('parses s3:// URLs, treating the prefix as a folder', () => {
    expect(parseS3Url('s3://trail')).to.deep.equal({ bucket: 'trail', prefix: '' });
    expect(parseS3Url('s3://trail/AWSLogs')).to.deep.equal({ bucket: 'trail', prefix: 'AWSLogs/' });
    expect(parseS3Url('s3://trail/a/b/')).to.deep.equal({ bucket: 'trail', prefix: 'a/b/' });
    expect(() => parseS3Url('s3:///x')).to.throw(UsageError);
    expect(() => parseS3Url('https://trail/x')).to.throw(UsageError);
  });

  it('knows where a prefix sits in AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/', () => {
    expect(layoutPosition('logs/')).to.equal(undefined);
    expect(layoutPosition('AWSLogs/')).to.deep.equal({ level: 'top', date: [] });
    expect(layoutPosition('x/AWSLogs/o-abcdefghij/')).to.deep.equal({ level: 'account', date: [] });
    expect(layoutPosition('AWSLogs/111122223333/')).to.deep.equal({ level: 'service', date: [] });
    expect(layoutPosition('AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/')).to.deep.equal({
      level: 'day',
      date: ['2026', '11'],
    });
    expect(layoutPosition('AWSLogs/111122223333/CloudTrail-Digest/')).to.equal(undefined);
  });

  it('widens the last day folder by the late-delivery margin', () => {
    expect(dayRange('2026-11-20T10:00:00.000Z', '2026-11-20T20:00:00.000Z')).to.deep.equal({
      first: '2026/11/20',
      last: '2026/11/21',
    });
    expect(dayRange('2026-11-20T10:00:00.000Z', '2026-11-20T12:00:00.000Z')).to.deep.equal({
      first: '2026/11/20',
      last: '2026/11/20',
    });
    expect(dayRange()).to.deep.equal({});
  });

  it('prunes partial date folders against the range', () => {
    const range = { first: '2026/11/20', last: '2026/12/02' };
    expect(
      ['2025', '2026', '2026/10', '2026/11', '2026/11/19', '2026/11/20', '2026/12/02', '2026/12/03'].filter(
        (p) => dateFolderInRange(p, range),
      ),
    ).to.deep.equal(['2026', '2026/11', '2026/11/20', '2026/12/02']);
  });

  it('enumerates the days of a bounded range of at most 62 days, across months', () => {
    expect(enumerateDays({ first: '2026/11/29', last: '2026/12/02' })).to.deep.equal([
      '2026/11/29',
      '2026/11/30',
      '2026/12/01',
      '2026/12/02',
    ]);
    expect(enumerateDays({ first: '2026/01/01', last: '2026/12/31' })).to.equal(undefined);
    expect(enumerateDays({ first: '2026/01/01' })).to.equal(undefined);
  });
});
