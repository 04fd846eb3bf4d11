import type { Prng } from './prng.ts';

/** The fictional account behind samples/: three functions, their roles, and what each one calls. */
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const KMS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-events';
export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:receipt-ready';
export const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/reporting/db-AbCdEf';
export const VPCE = 'vpce-0a1b2c3d4e5f67890';

export interface FunctionSpec {
  name: string;
  roleArn: string;
  roleId: string;
  /** Calls per invocation, roughly; each behaviour has its own weight. */
  behaviours: Behaviour[];
  /** Invocations per hour. */
  rate: number;
}

/** One kind of call a function makes: CloudTrail eventSource/eventName and a factory for its request. */
export interface Behaviour {
  source: string;
  name: string;
  weight: number;
  category: 'Management' | 'Data';
  readOnly: boolean;
  params: (rng: Prng, day: string) => Record<string, unknown> | null;
  resources?: (params: Record<string, unknown>) => { type: string; ARN: string }[];
  /** Made by a service on the role's behalf (userIdentity.invokedBy). */
  invokedBy?: string;
  viaVpce?: boolean;
}

const table = (t: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${t}`;
const logStream = (rng: Prng, day: string) => `${day}/[$LATEST]${rng.hex(32)}`;
const logs = (fn: string): Behaviour[] => [
  {
    source: 'logs',
    name: 'CreateLogStream',
    weight: 1,
    category: 'Management',
    readOnly: false,
    params: (rng, day) => ({ logGroupName: `/aws/lambda/${fn}`, logStreamName: logStream(rng, day) }),
  },
];
const receiptKey = (rng: Prng, day: string) => `receipts/${day}/r-${rng.uuid()}.pdf`;

export const FUNCTIONS: FunctionSpec[] = [
  {
    name: 'orders-api',
    roleArn: 'arn:aws:iam::123456789012:role/service-role/orders-api-role',
    roleId: 'AROAQORDERSAPI000001',
    rate: 12,
    behaviours: [
      {
        source: 'dynamodb',
        name: 'GetItem',
        weight: 6,
        category: 'Data',
        readOnly: true,
        params: (rng) => ({
          tableName: 'orders',
          key: { orderId: `o-${rng.int(99999)}` },
          consistentRead: false,
        }),
        resources: () => [{ type: 'AWS::DynamoDB::Table', ARN: table('orders') }],
      },
      {
        source: 'dynamodb',
        name: 'PutItem',
        weight: 3,
        category: 'Data',
        readOnly: false,
        params: (rng) => ({ tableName: 'orders', key: { orderId: `o-${rng.int(99999)}` } }),
        resources: () => [{ type: 'AWS::DynamoDB::Table', ARN: table('orders') }],
      },
      {
        source: 'dynamodb',
        name: 'UpdateItem',
        weight: 2,
        category: 'Data',
        readOnly: false,
        params: (rng) => ({
          tableName: 'orders',
          key: { orderId: `o-${rng.int(99999)}` },
          updateExpression: 'SET #s = :s',
        }),
        resources: () => [{ type: 'AWS::DynamoDB::Table', ARN: table('orders') }],
      },
      {
        source: 'dynamodb',
        name: 'Query',
        weight: 3,
        category: 'Data',
        readOnly: true,
        params: () => ({
          tableName: 'orders',
          indexName: 'by-customer',
          keyConditionExpression: 'customerId = :c',
        }),
        resources: () => [{ type: 'AWS::DynamoDB::Table', ARN: table('orders') }],
      },
      {
        source: 'sqs',
        name: 'SendMessage',
        weight: 3,
        category: 'Data',
        readOnly: false,
        params: () => ({ queueUrl: QUEUE_URL, messageBody: 'HIDDEN_DUE_TO_SECURITY_REASONS' }),
      },
      {
        source: 'sqs',
        name: 'SendMessageBatch',
        weight: 1,
        category: 'Data',
        readOnly: false,
        params: () => ({ queueUrl: QUEUE_URL, entries: 'HIDDEN_DUE_TO_SECURITY_REASONS' }),
      },
      {
        source: 'sqs',
        name: 'GetQueueUrl',
        weight: 1,
        category: 'Management',
        readOnly: true,
        params: () => ({ queueName: 'order-events' }),
      },
      ...logs('orders-api'),
    ],
  },
  {
    name: 'receipt-worker',
    roleArn: 'arn:aws:iam::123456789012:role/receipt-worker-role',
    roleId: 'AROAQRECEIPTWORKER01',
    rate: 8,
    behaviours: [
      {
        source: 'sqs',
        name: 'ReceiveMessage',
        weight: 4,
        category: 'Data',
        readOnly: true,
        params: () => ({ queueUrl: QUEUE_URL, maxNumberOfMessages: 10, waitTimeSeconds: 20 }),
        viaVpce: true,
      },
      {
        source: 'sqs',
        name: 'DeleteMessage',
        weight: 2,
        category: 'Data',
        readOnly: false,
        params: (rng) => ({ queueUrl: QUEUE_URL, receiptHandle: rng.alnum(40) }),
        viaVpce: true,
      },
      {
        source: 'sqs',
        name: 'DeleteMessageBatch',
        weight: 1,
        category: 'Data',
        readOnly: false,
        params: () => ({ queueUrl: QUEUE_URL }),
        viaVpce: true,
      },
      {
        source: 'sqs',
        name: 'GetQueueAttributes',
        weight: 1,
        category: 'Management',
        readOnly: true,
        params: () => ({ queueUrl: QUEUE_URL, attributeNames: ['ApproximateNumberOfMessages'] }),
        viaVpce: true,
      },
      {
        source: 's3',
        name: 'PutObject',
        weight: 3,
        category: 'Data',
        readOnly: false,
        params: (rng, day) => ({
          bucketName: 'acme-receipts',
          key: receiptKey(rng, day),
          Host: 'acme-receipts.s3.eu-west-1.amazonaws.com',
          'x-amz-server-side-encryption': 'aws:kms',
        }),
        resources: s3Resources,
        viaVpce: true,
      },
      {
        source: 's3',
        name: 'GetObject',
        weight: 2,
        category: 'Data',
        readOnly: true,
        params: (rng, day) => ({
          bucketName: 'acme-receipts',
          key: receiptKey(rng, day),
          Host: 'acme-receipts.s3.eu-west-1.amazonaws.com',
        }),
        resources: s3Resources,
        viaVpce: true,
      },
      {
        source: 's3',
        name: 'HeadObject',
        weight: 1,
        category: 'Data',
        readOnly: true,
        params: (rng, day) => ({
          bucketName: 'acme-receipts',
          key: receiptKey(rng, day),
          Host: 'acme-receipts.s3.eu-west-1.amazonaws.com',
        }),
        resources: s3Resources,
        viaVpce: true,
      },
      {
        source: 's3',
        name: 'ListObjects',
        weight: 1,
        category: 'Data',
        readOnly: true,
        params: (_rng, day) => ({
          bucketName: 'acme-receipts',
          prefix: `receipts/${day}/`,
          'list-type': '2',
          Host: 'acme-receipts.s3.eu-west-1.amazonaws.com',
        }),
        resources: (p) => [{ type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${String(p['bucketName'])}` }],
        viaVpce: true,
      },
      {
        source: 'sns',
        name: 'Publish',
        weight: 2,
        category: 'Data',
        readOnly: false,
        params: () => ({ topicArn: TOPIC, message: 'HIDDEN_DUE_TO_SECURITY_REASONS' }),
        resources: () => [{ type: 'AWS::SNS::Topic', ARN: TOPIC }],
      },
      {
        source: 'kms',
        name: 'GenerateDataKey',
        weight: 3,
        category: 'Management',
        readOnly: true,
        invokedBy: 's3.amazonaws.com',
        params: (rng, day) => ({
          keyId: KMS_KEY,
          keySpec: 'AES_256',
          encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::acme-receipts/${receiptKey(rng, day)}` },
        }),
        resources: () => [{ type: 'AWS::KMS::Key', ARN: KMS_KEY }],
      },
      {
        source: 'kms',
        name: 'Decrypt',
        weight: 2,
        category: 'Management',
        readOnly: true,
        invokedBy: 's3.amazonaws.com',
        params: (rng, day) => ({
          encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::acme-receipts/${receiptKey(rng, day)}` },
        }),
        resources: () => [{ type: 'AWS::KMS::Key', ARN: KMS_KEY }],
      },
      ...logs('receipt-worker'),
    ],
  },
  {
    name: 'nightly-report',
    roleArn: 'arn:aws:iam::123456789012:role/nightly-report-role',
    roleId: 'AROAQNIGHTLYREPORT01',
    rate: 1,
    behaviours: [
      {
        source: 'secretsmanager',
        name: 'GetSecretValue',
        weight: 2,
        category: 'Management',
        readOnly: true,
        params: () => ({ secretId: 'prod/reporting/db' }),
      },
      {
        source: 'ssm',
        name: 'GetParameter',
        weight: 2,
        category: 'Management',
        readOnly: true,
        params: (rng) => ({
          name: rng.pick(['/reporting/api-key', '/reporting/recipients']),
          withDecryption: true,
        }),
      },
      {
        source: 'ssm',
        name: 'GetParametersByPath',
        weight: 1,
        category: 'Management',
        readOnly: true,
        params: () => ({ path: '/reporting/', recursive: true, withDecryption: false }),
      },
      {
        source: 'sts',
        name: 'GetCallerIdentity',
        weight: 1,
        category: 'Management',
        readOnly: true,
        params: () => null,
      },
      {
        source: 'monitoring',
        name: 'PutMetricData',
        weight: 2,
        category: 'Management',
        readOnly: false,
        params: () => ({ namespace: 'Reports', metricData: [{ metricName: 'RowsExported', unit: 'Count' }] }),
      },
      ...logs('nightly-report'),
    ],
  },
];

function s3Resources(p: Record<string, unknown>): { type: string; ARN: string }[] {
  return [
    { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${String(p['bucketName'])}/${String(p['key'])}` },
    { type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${String(p['bucketName'])}` },
  ];
}
