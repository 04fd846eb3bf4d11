import { ACCOUNT, FUNCTIONS, QUEUE_URL, REGION } from './sample-account.ts';

/**
 * The sample account's Lambda configuration as the AWS CLI prints it: `list-functions`,
 * `list-event-source-mappings`, `get-policy` per function with a resource policy, and
 * `get-function-url-config` for the one function with a URL. Fictional, consistent with the logs:
 * orders-api behind API Gateway and a public URL, receipt-worker fed by the order-events queue,
 * nightly-report run by EventBridge Scheduler (a role, no resource policy), legacy-export fed by S3.
 */
const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const LEGACY = { name: 'legacy-export', roleArn: `arn:aws:iam::${ACCOUNT}:role/legacy-export-role` };
const queueArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${QUEUE_URL.slice(QUEUE_URL.lastIndexOf('/') + 1)}`;

export const LIST_FUNCTIONS = {
  Functions: [...FUNCTIONS, LEGACY].map((f, i) => ({
    FunctionName: f.name,
    FunctionArn: fnArn(f.name),
    Runtime: 'nodejs20.x',
    Role: f.roleArn,
    Handler: 'index.handler',
    CodeSize: 18_431 + i * 977,
    Timeout: f.name === 'nightly-report' ? 300 : 30,
    MemorySize: 512,
    LastModified: '2026-11-20T16:20:11.000+0000',
    Version: '$LATEST',
    PackageType: 'Zip',
    Architectures: ['arm64'],
  })),
};

export const EVENT_SOURCE_MAPPINGS = {
  EventSourceMappings: [
    {
      UUID: '5f1c2a3b-4d5e-4f60-8a71-b2c3d4e5f607',
      BatchSize: 10,
      EventSourceArn: queueArn,
      FunctionArn: fnArn('receipt-worker'),
      LastModified: '2026-11-01T10:00:00+00:00',
      State: 'Enabled',
      StateTransitionReason: 'USER_INITIATED',
    },
  ],
};

const policy = (name: string, statements: unknown[]) => ({
  Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }),
  RevisionId: `0b1c2d3e-${name.length.toString(16).padStart(4, '0')}-4a5b-8c6d-7e8f9a0b1c2d`,
});

export const FUNCTION_POLICIES: Record<string, unknown> = {
  'orders-api': policy('orders-api', [
    {
      Sid: 'apigateway-orders',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: fnArn('orders-api'),
      Condition: {
        ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:${REGION}:${ACCOUNT}:k7q2w9x4z1/*/*/orders*` },
      },
    },
    {
      Sid: 'FunctionURLAllowPublicAccess',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: fnArn('orders-api'),
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    },
  ]),
  'legacy-export': policy('legacy-export', [
    {
      Sid: 's3-exports',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: fnArn('legacy-export'),
      Condition: {
        StringEquals: { 'AWS:SourceAccount': ACCOUNT },
        ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::acme-exports' },
      },
    },
  ]),
};

export const FUNCTION_URLS: Record<string, unknown> = {
  'orders-api': {
    FunctionUrl: 'https://x3k9q2w7e5r1t8y4u6i0o2p4a6s8d0f1.lambda-url.eu-west-1.on.aws/',
    FunctionArn: fnArn('orders-api'),
    AuthType: 'NONE',
    CreationTime: '2026-06-11T08:30:00.000000Z',
    LastModifiedTime: '2026-06-11T08:30:00.000000Z',
    InvokeMode: 'BUFFERED',
  },
};
