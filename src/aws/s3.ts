import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { awsCall, type AwsCall } from './errors.ts';
import { listField } from './response.ts';

/** One listed object. `etag` keeps S3's quotes; it identifies the content for the cache. */
export interface S3ObjectInfo {
  key: string;
  etag: string;
  size: number;
}

/** The three S3 reads tightrole makes; what the CloudTrail S3 reader depends on. */
export interface S3Reader {
  /** The "folders" directly under `prefix` (ListObjectsV2 with Delimiter "/"), sorted. */
  listPrefixes(bucket: string, prefix: string): Promise<string[]>;
  /** Every object under `prefix`, all pages, sorted by key. */
  listObjects(bucket: string, prefix: string): Promise<S3ObjectInfo[]>;
  getObject(bucket: string, key: string): Promise<Uint8Array>;
}

function listCall(bucket: string, prefix: string, region?: string): AwsCall {
  return {
    api: 'S3 ListObjectsV2',
    ...(region ? { region } : {}),
    grant: { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket} (s3:prefix ${prefix || '""'})` },
  };
}

async function listPages(
  client: S3Client,
  bucket: string,
  prefix: string,
  delimiter: string,
  region?: string,
) {
  const prefixes: string[] = [];
  const objects: S3ObjectInfo[] = [];
  let token: string | undefined;
  do {
    const input = {
      Bucket: bucket,
      Prefix: prefix,
      ContinuationToken: token,
      ...(delimiter !== '' ? { Delimiter: delimiter } : {}),
    };
    const page = await awsCall(listCall(bucket, prefix, region), () =>
      client.send(new ListObjectsV2Command(input)),
    );
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix);
    for (const o of listField(page.Contents, 'S3 ListObjectsV2', 'Contents'))
      if (o.Key) objects.push({ key: o.Key, etag: o.ETag ?? '', size: o.Size ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { prefixes, objects };
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An `S3Reader` over a real client; SDK errors become `AwsError`s naming the permission to grant. */
export function s3Reader(client: S3Client, region?: string): S3Reader {
  return {
    async listPrefixes(bucket, prefix) {
      return (await listPages(client, bucket, prefix, '/', region)).prefixes.sort(byString);
    },
    async listObjects(bucket, prefix) {
      return (await listPages(client, bucket, prefix, '', region)).objects.sort((a, b) =>
        byString(a.key, b.key),
      );
    },
    async getObject(bucket, key) {
      const call = {
        api: 'S3 GetObject',
        ...(region ? { region } : {}),
        grant: { action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/${key}` },
      };
      return awsCall(call, async () => {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      });
    },
  };
}
