import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCOUNT, KMS_KEY, REGION, SECRET } from './sample-account.ts';

/**
 * A minimal stand-in for the AWS endpoints the sample functions call, on 127.0.0.1: DynamoDB, SQS,
 * KMS, Secrets Manager and SSM (JSON protocols, by X-Amz-Target), SNS (query protocol) and S3 (REST,
 * path-style, objects kept in memory). Answers are the smallest the SDK accepts; request IDs count up.
 */
export interface AwsStub {
  endpoint: string;
  close(): Promise<void>;
}

type Reply = { status?: number; body: string | Buffer; headers?: Record<string, string> };

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const json = (body: unknown, status = 200): Reply => ({ status, body: JSON.stringify(body) });
const denied = (message: string): Reply => ({
  status: 400,
  body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException', message }),
  headers: { 'x-amzn-errortype': 'AccessDeniedException' },
});

const JSON_ANSWERS: Record<string, (body: Record<string, unknown>) => Reply> = {
  'DynamoDB_20120810.GetItem': () => json({ Item: { orderId: { S: 'o-1' }, status: { S: 'NEW' } } }),
  'DynamoDB_20120810.PutItem': () => json({}),
  'DynamoDB_20120810.UpdateItem': () => json({}),
  'DynamoDB_20120810.Query': () => json({ Items: [], Count: 0, ScannedCount: 0 }),
  // The sample's orders-api role may not Scan (its CloudTrail shows the same refusal).
  'DynamoDB_20120810.Scan': () =>
    denied(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/orders-api-role/orders-api is not authorized to perform: dynamodb:Scan`,
    ),
  'AmazonSQS.SendMessage': (b) =>
    json({ MessageId: 'm-1', MD5OfMessageBody: md5(String(b['MessageBody'] ?? '')) }),
  'AmazonSQS.ReceiveMessage': () => {
    const body = '{"orderId":"o-1"}';
    return json({
      Messages: [{ MessageId: 'm-1', ReceiptHandle: 'rh-1', Body: body, MD5OfBody: md5(body) }],
    });
  },
  'AmazonSQS.DeleteMessage': () => json({}),
  'TrentService.GenerateDataKey': () =>
    json({
      KeyId: KMS_KEY,
      Plaintext: Buffer.alloc(32, 1).toString('base64'),
      CiphertextBlob: Buffer.alloc(64, 2).toString('base64'),
    }),
  'secretsmanager.GetSecretValue': () =>
    json({ ARN: SECRET, Name: 'prod/reporting/db', SecretString: '{"user":"report"}', VersionId: 'v-1' }),
  'AmazonSSM.GetParameter': (b) =>
    json({
      Parameter: {
        Name: b['Name'],
        Type: 'String',
        Value: 'x',
        Version: 1,
        ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${String(b['Name'])}`,
      },
    }),
};

/** Starts the stub on a random port of 127.0.0.1. */
export async function startAwsStub(): Promise<AwsStub> {
  const objects = new Map<string, Buffer>();
  let requests = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const reply = answer(req, body, objects);
      requests++;
      res.writeHead(reply.status ?? 200, {
        'x-amzn-requestid': `00000000-0000-4000-8000-${String(requests).padStart(12, '0')}`,
        'x-amz-request-id': `REQ${String(requests).padStart(13, '0')}`,
        'content-type': 'application/x-amz-json-1.0',
        ...reply.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(req: IncomingMessage, body: Buffer, objects: Map<string, Buffer>): Reply {
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target) {
    const handler = JSON_ANSWERS[target];
    const input = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    return handler ? handler(input) : json({ __type: 'UnknownOperationException' }, 400);
  }
  const text = body.toString('utf8');
  if (/(?:^|&)Action=Publish(?:&|$)/.test(text)) return snsPublish();
  return s3(req, body, objects);
}

function snsPublish(): Reply {
  const xml =
    '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>s-1</MessageId>' +
    '</PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>';
  return { body: xml, headers: { 'content-type': 'text/xml' } };
}

function s3(req: IncomingMessage, body: Buffer, objects: Map<string, Buffer>): Reply {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const xml = { 'content-type': 'application/xml' };
  if (req.method === 'PUT') {
    objects.set(path, body);
    return { body: '', headers: { ...xml, etag: `"${md5(body.toString('latin1'))}"` } };
  }
  const object = objects.get(path);
  if (!object) return { status: 404, body: '<Error><Code>NoSuchKey</Code></Error>', headers: xml };
  const headers = { 'content-type': 'application/pdf', 'content-length': String(object.length), etag: '"e"' };
  return { body: req.method === 'HEAD' ? '' : object, headers };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
