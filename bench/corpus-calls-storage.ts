import type { Prng } from '../scripts/lib/prng.ts';
import type { CallSpec, CallTemplate } from './corpus-calls.ts';
import type { RoleResources } from './corpus-roles.ts';

type Json = Record<string, unknown>;

/** The KMS key ARN of a role's resources. */
export function keyArn(res: RoleResources): string {
  return `arn:aws:kms:${res.region}:${res.account}:key/${res.keyId}`;
}

const tableArn = (res: RoleResources) => `arn:aws:dynamodb:${res.region}:${res.account}:table/${res.table}`;

function dynamo(
  res: RoleResources,
  name: string,
  weight: number,
  readOnly: boolean,
  extra: (rng: Prng) => Json,
): CallSpec {
  return {
    source: 'dynamodb',
    name,
    weight,
    category: 'Data',
    readOnly,
    params: (rng) => ({ tableName: res.table, ...extra(rng) }),
    resources: () => [{ accountId: res.account, type: 'AWS::DynamoDB::Table', ARN: tableArn(res) }],
  };
}

const itemKey = (rng: Prng) => ({ pk: `ITEM#${rng.int(1_000_000)}`, sk: `v${rng.int(20)}` });

const dynamoTemplates: CallTemplate[] = [
  (res) => dynamo(res, 'GetItem', 6, true, (rng) => ({ key: itemKey(rng), consistentRead: false })),
  (res) =>
    dynamo(res, 'PutItem', 3, false, (rng) => ({
      key: itemKey(rng),
      conditionExpression: 'attribute_not_exists(pk)',
      returnConsumedCapacity: 'TOTAL',
    })),
  (res) =>
    dynamo(res, 'UpdateItem', 2, false, (rng) => ({
      key: itemKey(rng),
      updateExpression: 'SET #s = :s, #u = :u',
      returnValues: 'UPDATED_NEW',
    })),
  (res) =>
    dynamo(res, 'Query', 3, true, () => ({
      indexName: 'by-owner',
      keyConditionExpression: 'ownerId = :o AND createdAt > :t',
      limit: 50,
    })),
  (res) => dynamo(res, 'DeleteItem', 1, false, (rng) => ({ key: itemKey(rng) })),
];

function s3Params(res: RoleResources, key?: string): Json {
  const base = { bucketName: res.bucket, Host: `${res.bucket}.s3.${res.region}.amazonaws.com` };
  return key === undefined ? base : { ...base, key };
}

function s3Extra(rng: Prng, inBytes: number, outBytes: number): Json {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: inBytes,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': `${rng.alnum(56)}=`,
    bytesTransferredOut: outBytes,
  };
}

function s3Object(res: RoleResources, name: string, weight: number, readOnly: boolean): CallSpec {
  return {
    source: 's3',
    name,
    weight,
    category: 'Data',
    readOnly,
    viaVpce: true,
    params: (rng, day) => s3Params(res, `${res.prefix}/${day}/${rng.uuid()}.json`),
    resources: (p) => [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${res.bucket}/${String(p['key'])}` },
      { accountId: res.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${res.bucket}` },
    ],
    response: (rng) =>
      readOnly
        ? null
        : {
            'x-amz-server-side-encryption': 'aws:kms',
            'x-amz-server-side-encryption-aws-kms-key-id': keyArn(res),
            'x-amz-version-id': rng.alnum(32),
          },
    extra: (rng) => s3Extra(rng, readOnly ? 0 : 1000 + rng.int(90_000), readOnly ? 500 + rng.int(90_000) : 0),
  };
}

const s3List: CallTemplate = (res) => ({
  source: 's3',
  name: 'ListObjects',
  weight: 1,
  category: 'Data',
  readOnly: true,
  viaVpce: true,
  params: (_rng, day) => ({
    ...s3Params(res),
    prefix: `${res.prefix}/${day}/`,
    'list-type': '2',
    'max-keys': '1000',
  }),
  resources: () => [{ accountId: res.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${res.bucket}` }],
  extra: (rng) => s3Extra(rng, 0, 200 + rng.int(20_000)),
});

/** SSE-KMS: S3 asks KMS for a data key on the role's behalf (`invokedBy`). */
const kmsForS3: CallTemplate = (res) => ({
  source: 'kms',
  name: 'GenerateDataKey',
  weight: 2,
  category: 'Management',
  readOnly: true,
  invokedBy: 's3.amazonaws.com',
  params: (rng, day) => ({
    keyId: keyArn(res),
    keySpec: 'AES_256',
    encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${res.bucket}/${res.prefix}/${day}/${rng.uuid()}.json` },
  }),
  resources: () => [{ accountId: res.account, type: 'AWS::KMS::Key', ARN: keyArn(res) }],
});

/** DynamoDB and S3 data events, and the KMS calls S3 makes for them. */
export const STORAGE_TEMPLATES: readonly CallTemplate[] = [
  ...dynamoTemplates,
  (res) => s3Object(res, 'GetObject', 4, true),
  (res) => s3Object(res, 'PutObject', 3, false),
  (res) => s3Object(res, 'HeadObject', 1, true),
  s3List,
  kmsForS3,
];
