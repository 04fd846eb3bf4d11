import { PutObjectCommand } from '@aws-sdk/client-s3';
import { tempDir } from '../../support/temp-dir.ts';
import { expect } from 'chai';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { s3Reader } from '../../../src/aws/s3.ts';
import type { FileBatch } from '../../../src/sources/cloudtrail-files.ts';
import { readCloudTrailS3, type S3TrailOptions } from '../../../src/sources/cloudtrail-s3.ts';
import { directoryCache } from '../../../src/sources/s3-cache.ts';
import { localClients, recordCommands } from '../../support/local-aws.ts';
import { S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from '../../support/local-s3.ts';
import { cloudTrailRecord } from '../../support/records.ts';

const ORG = 'AWSLogs/o-abcdefghij';
const A = '111122223333';
const B = '444455556666';
const day = (account: string, region: string, date: string, stamp: string) =>
  `${ORG}/${account}/CloudTrail/${region}/${date}/${account}_CloudTrail_${region}_${stamp}_x.json.gz`;

const KEYS = {
  oct: day(A, 'eu-west-1', '2026/10/01', '20261001T1005Z'),
  nov19: day(A, 'eu-west-1', '2026/11/19', '20261119T2355Z'),
  nov20: day(A, 'eu-west-1', '2026/11/20', '20261120T1005Z'),
  nov20b: day(B, 'eu-west-1', '2026/11/20', '20261120T1105Z'),
  nov20east: day(A, 'us-east-1', '2026/11/20', '20261120T1205Z'),
  nov21: day(A, 'eu-west-1', '2026/11/21', '20261121T1005Z'),
};

const gz = (records: unknown[]) => gzipSync(Buffer.from(JSON.stringify({ Records: records })));

async function collect(batches: AsyncIterable<FileBatch>): Promise<FileBatch[]> {
  const out: FileBatch[] = [];
  for await (const b of batches) out.push(b);
  return out;
}

describe('readCloudTrailS3: a trail bucket on a real S3-compatible server', () => {
  let server: LocalS3;
  let clients: AwsClients;
  let cacheDir: string;
  let sent: { name: string; input: Record<string, unknown> }[];

  before(async () => {
    server = await startLocalS3(['trail']);
    const seed = localClients(server.endpoint, { credentials: S3RVER_CREDENTIALS });
    for (const key of Object.values(KEYS)) {
      const body = gz([cloudTrailRecord({ eventID: key }), cloudTrailRecord()]);
      await seed.s3().send(new PutObjectCommand({ Bucket: 'trail', Key: key, Body: body }));
    }
    await seed.s3().send(
      new PutObjectCommand({
        Bucket: 'trail',
        Key: 'flat/a.json',
        Body: JSON.stringify(cloudTrailRecord()),
      }),
    );
    seed.close();
  });
  after(async () => server.close());
  beforeEach(async () => {
    clients = localClients(server.endpoint, { credentials: S3RVER_CREDENTIALS });
    sent = recordCommands(clients.s3());
    cacheDir = tempDir('tightrole-cache-');
  });
  afterEach(async () => {
    clients.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const read = (url: string, options: S3TrailOptions) =>
    collect(readCloudTrailS3(url, s3Reader(clients.s3()), options));
  const listed = () => sent.filter((c) => c.name === 'ListObjectsV2Command').map((c) => c.input['Prefix']);
  const downloaded = () => sent.filter((c) => c.name === 'GetObjectCommand').map((c) => c.input['Key']);

  it('lists only the day folders of --since/--until, --account and --region, and downloads only their files', async () => {
    const window = { since: '2026-11-20T00:00:00.000Z', until: '2026-11-20T23:00:00.000Z' };
    const batches = await read('s3://trail', { ...window, accounts: [A], regions: ['eu-west-1'] });
    expect(listed()).to.deep.equal([
      'AWSLogs/',
      `${ORG}/${A}/CloudTrail/eu-west-1/2026/11/20/`,
      `${ORG}/${A}/CloudTrail/eu-west-1/2026/11/21/`,
    ]);
    expect(downloaded()).to.deep.equal([KEYS.nov20]);
    expect(batches.map((b) => b.file)).to.deep.equal([`s3://trail/${KEYS.nov20}`]);
    expect(batches[0]).to.include({ kind: 'file' });
    expect(batches[0]!.kind === 'file' && batches[0]!.records).to.have.length(2);
  });

  it('discovers accounts, regions and date folders with Delimiter listings, pruning dates outside the window', async () => {
    const batches = await read('s3://trail/', { since: '2026-11-20T00:00:00.000Z' });
    expect(batches.map((b) => b.file.slice('s3://trail/'.length))).to.deep.equal([
      KEYS.nov20,
      KEYS.nov21,
      KEYS.nov20east,
      KEYS.nov20b,
    ]);
    expect(listed()).to.not.include(`${ORG}/${A}/CloudTrail/eu-west-1/2026/10/`);
    expect(listed()).to.include(`${ORG}/${A}/CloudTrail/eu-west-1/2026/`);
    expect(listed()).to.not.include(`${ORG}/${A}/CloudTrail/eu-west-1/2026/11/19/`);
  });

  it('starts from a prefix inside the layout (account and region given in the URL)', async () => {
    const batches = await read(`s3://trail/${ORG}/${A}/CloudTrail/eu-west-1/2026/11`, {});
    expect(batches.map((b) => b.file.slice('s3://trail/'.length))).to.deep.equal([
      KEYS.nov19,
      KEYS.nov20,
      KEYS.nov21,
    ]);
  });

  it('hits the ETag cache on a re-run: no GetObject, same batches', async () => {
    const options = { cache: directoryCache(cacheDir), regions: ['eu-west-1'], accounts: [A] };
    const first = await read('s3://trail', options);
    expect(downloaded()).to.have.length(4);
    expect((await readdir(join(cacheDir, 's3'))).length).to.be.greaterThan(0);
    sent.length = 0;
    const progress: number[] = [];
    const second = await read('s3://trail', { ...options, onProgress: (p) => progress.push(p.cached) });
    expect(downloaded()).to.deep.equal([]);
    expect(second).to.deep.equal(first);
    expect(progress).to.deep.equal([1, 2, 3, 4]);
  });

  it('yields batches in key order whatever the concurrency', async () => {
    const one = await read('s3://trail', { concurrency: 1 });
    const many = await read('s3://trail', { concurrency: 8 });
    expect(many.map((b) => b.file)).to.deep.equal(one.map((b) => b.file));
    expect(one).to.have.length(6);
  });

  it('reads a prefix outside the CloudTrail layout as a flat folder', async () => {
    const batches = await read('s3://trail/flat/', {});
    expect(batches.map((b) => b.file)).to.deep.equal(['s3://trail/flat/a.json']);
  });

  it('turns a missing bucket into an AwsError naming the API', async () => {
    const error = await read('s3://no-such-bucket', {}).catch((e: unknown) => e);
    expect(error)
      .to.be.instanceOf(Error)
      .with.property('message')
      .that.matches(/S3 ListObjectsV2 .*NoSuchBucket/);
  });
});
