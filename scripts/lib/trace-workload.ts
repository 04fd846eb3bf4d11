import { createRequire } from 'node:module';
import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type * as KMS from '@aws-sdk/client-kms';
import type * as S3 from '@aws-sdk/client-s3';
import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import type * as SNS from '@aws-sdk/client-sns';
import type * as SQS from '@aws-sdk/client-sqs';
import type * as SSM from '@aws-sdk/client-ssm';
import { ACCOUNT, KMS_KEY, QUEUE_URL, REGION, TOPIC } from './sample-account.ts';

// Loaded with require() so @opentelemetry/instrumentation-aws-sdk (a require hook) can patch them.
const require = createRequire(import.meta.url);
const sdk = {
  dynamodb: require('@aws-sdk/client-dynamodb') as typeof DynamoDB,
  kms: require('@aws-sdk/client-kms') as typeof KMS,
  s3: require('@aws-sdk/client-s3') as typeof S3,
  secrets: require('@aws-sdk/client-secrets-manager') as typeof SecretsManager,
  sns: require('@aws-sdk/client-sns') as typeof SNS,
  sqs: require('@aws-sdk/client-sqs') as typeof SQS,
  ssm: require('@aws-sdk/client-ssm') as typeof SSM,
};

/** One SDK v3 client per service, all pointed at the local stub with fake credentials. */
export interface Clients {
  dynamodb: DynamoDB.DynamoDBClient;
  kms: KMS.KMSClient;
  s3: S3.S3Client;
  secrets: SecretsManager.SecretsManagerClient;
  sns: SNS.SNSClient;
  sqs: SQS.SQSClient;
  ssm: SSM.SSMClient;
}

export function makeClients(endpoint: string): Clients {
  const base = {
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'AKIDCAPTURE', secretAccessKey: 'capture' },
    maxAttempts: 1,
  };
  return {
    dynamodb: new sdk.dynamodb.DynamoDBClient(base),
    kms: new sdk.kms.KMSClient(base),
    s3: new sdk.s3.S3Client({ ...base, forcePathStyle: true }),
    secrets: new sdk.secrets.SecretsManagerClient(base),
    sns: new sdk.sns.SNSClient(base),
    // Without this the SDK would send to the queue URL's host (real AWS) instead of the stub.
    sqs: new sdk.sqs.SQSClient({ ...base, useQueueUrlAsEndpoint: false }),
    ssm: new sdk.ssm.SSMClient(base),
  };
}

/** A sample function: its name, ARN, role, and one invocation's calls. */
export interface SampleFunction {
  name: string;
  arn: string;
  role: string;
  invocations: number;
  invoke: (c: Clients, n: number) => Promise<void>;
}

const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
// Fixed receipt ids, so the captured object keys are the same on every run.
const RECEIPTS = ['3f1c9a52-7d4e-4b8a-9c21-5e6f7a8b9c0d', '8a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'];

/** Calls that end in an error are part of the sample (AccessDenied is evidence too). */
async function attempt(call: () => Promise<unknown>): Promise<void> {
  await call().catch(() => undefined);
}

export const FUNCTIONS: SampleFunction[] = [
  {
    name: 'orders-api',
    arn: fnArn('orders-api'),
    role: 'arn:aws:iam::123456789012:role/service-role/orders-api-role',
    invocations: 2,
    invoke: async (c, n) => {
      const d = sdk.dynamodb;
      const key = { orderId: { S: `o-${1000 + n}` } };
      await c.dynamodb.send(new d.GetItemCommand({ TableName: 'orders', Key: key }));
      await c.dynamodb.send(
        new d.PutItemCommand({ TableName: 'orders', Item: { ...key, status: { S: 'NEW' } } }),
      );
      await c.dynamodb.send(
        new d.UpdateItemCommand({
          TableName: 'orders',
          Key: key,
          UpdateExpression: 'SET #s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'PAID' } },
        }),
      );
      await c.dynamodb.send(
        new d.QueryCommand({
          TableName: 'orders',
          IndexName: 'by-customer',
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': { S: `c-${n}` } },
        }),
      );
      await c.sqs.send(
        new sdk.sqs.SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: `{"orderId":"o-${1000 + n}"}` }),
      );
      if (n === 0) await attempt(() => c.dynamodb.send(new d.ScanCommand({ TableName: 'orders' })));
    },
  },
  {
    name: 'receipt-worker',
    arn: fnArn('receipt-worker'),
    role: 'arn:aws:iam::123456789012:role/receipt-worker-role',
    invocations: 2,
    invoke: async (c, n) => {
      const Key = `receipts/2026/11/2${n}/r-${RECEIPTS[n % RECEIPTS.length]}.pdf`;
      const Bucket = 'acme-receipts';
      await c.sqs.send(new sdk.sqs.ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 1 }));
      await c.kms.send(new sdk.kms.GenerateDataKeyCommand({ KeyId: KMS_KEY, KeySpec: 'AES_256' }));
      await c.s3.send(new sdk.s3.PutObjectCommand({ Bucket, Key, Body: '%PDF-1.4 receipt' }));
      await c.s3.send(new sdk.s3.HeadObjectCommand({ Bucket, Key }));
      const got = await c.s3.send(new sdk.s3.GetObjectCommand({ Bucket, Key }));
      await got.Body?.transformToString();
      await c.sns.send(new sdk.sns.PublishCommand({ TopicArn: TOPIC, Message: `{"receipt":"${Key}"}` }));
      await c.sqs.send(new sdk.sqs.DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-1' }));
    },
  },
  {
    name: 'nightly-report',
    arn: fnArn('nightly-report'),
    role: 'arn:aws:iam::123456789012:role/nightly-report-role',
    invocations: 1,
    invoke: async (c) => {
      await c.secrets.send(new sdk.secrets.GetSecretValueCommand({ SecretId: 'prod/reporting/db' }));
      await c.ssm.send(new sdk.ssm.GetParameterCommand({ Name: '/reporting/db-host' }));
      await c.ssm.send(new sdk.ssm.GetParameterCommand({ Name: '/reporting/threshold' }));
    },
  },
];

/** Destroys every client (closes sockets). */
export function closeClients(c: Clients): void {
  for (const client of Object.values(c)) client.destroy();
}
