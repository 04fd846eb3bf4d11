/**
 * Hostile CloudTrail content: what an attacker who controls object keys, parameters, user agents or a
 * corner of the log bucket can write. Used by scripts/make-hostile-corpus.ts and the tests.
 */

const ROLE = 'arn:aws:iam::123456789012:role/victim-role';

/** Strings that try to break out of JSON, HCL, YAML, Markdown and terminals, or widen a policy. */
export const HOSTILE_STRINGS = [
  '*',
  '?',
  'a*b?c',
  '${aws:username}',
  '${*}',
  '$${x}',
  '%{ if true }x%{ endif }',
  '"],"Resource":"*',
  '\\"\\\\',
  'line1\nline2\r\n\ttab',
  '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  '\u202eevil-rtl',
  '`code` ``` fence',
  '<script>alert(1)</script>',
  '<!-- comment -->',
  '@admin please look',
  'https://evil.example/x www.evil.example',
  '[link](javascript:alert(1))',
  '| cell | break |',
  '- yaml: list',
  '&anchor *alias !!binary',
  '# comment',
  '../../../etc/passwd',
  '\u0000nul',
  'x'.repeat(3000),
  '😀 unicode ünïcödé',
];

function base(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAVICTIM:fn',
      arn: 'arn:aws:sts::123456789012:assumed-role/victim-role/fn',
      accountId: '123456789012',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAVICTIM',
          arn: ROLE,
          accountId: '123456789012',
          userName: 'victim-role',
        },
      },
    },
    eventTime: '2026-11-20T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.9',
    userAgent: 'aws-sdk-js/3',
    requestParameters: { bucketName: 'victim-bucket', key: 'ok.txt' },
    responseElements: null,
    eventID: '00000000-0000-4000-8000-000000000000',
    eventType: 'AwsApiCall',
    recipientAccountId: '123456789012',
    ...overrides,
  };
}

/** Records with hostile values in every field tightrole reads (and some it does not). */
export function hostileRecords(): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [base({})];
  for (const s of HOSTILE_STRINGS) {
    records.push(
      base({ requestParameters: { bucketName: 'victim-bucket', key: s } }),
      base({
        eventName: 'PutObject',
        requestParameters: { bucketName: 'victim-bucket', key: `uploads/${s}` },
      }),
      base({
        eventSource: 'dynamodb.amazonaws.com',
        eventName: 'GetItem',
        requestParameters: { tableName: s },
      }),
      base({ eventName: s }),
      base({ eventSource: s }),
      base({
        userAgent: s,
        sourceIPAddress: s,
        requestParameters: { bucketName: 'victim-bucket', key: 'ok.txt', extra: s },
      }),
      base({
        userIdentity: {
          type: 'AssumedRole',
          sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::123456789012:role/${s}` } },
        },
      }),
      base({
        eventSource: 'sqs.amazonaws.com',
        eventName: 'SendMessage',
        requestParameters: { queueUrl: `https://sqs.eu-west-1.amazonaws.com/123456789012/${s}` },
      }),
      base({
        eventSource: 'lambda.amazonaws.com',
        eventName: 'Invoke',
        requestParameters: { functionName: `arn:aws:lambda:eu-west-1:123456789012:function:${s}` },
      }),
      base({ awsRegion: s }),
      base({ recipientAccountId: s }),
    );
  }
  // Wrong types in every field the parser reads.
  for (const value of [42, true, null, [], {}, ['a'], { nested: { deep: 1 } }]) {
    for (const field of [
      'eventSource',
      'eventName',
      'eventTime',
      'awsRegion',
      'userIdentity',
      'requestParameters',
      'resources',
      'errorCode',
      'recipientAccountId',
      'vpcEndpointId',
    ]) {
      records.push(base({ [field]: value }));
    }
  }
  records.push(base({ resources: [{ ARN: 'arn:aws:s3:::victim-bucket/*' }, { ARN: 42 }, 'x', null] }));
  return records;
}

/** A record nested `depth` levels deep inside requestParameters. */
export function deepRecord(depth: number): string {
  const inner = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return JSON.stringify(base({})).replace('"requestParameters":{', `"requestParameters":{"deep":${inner},`);
}

export { base as hostileBase, ROLE as HOSTILE_ROLE };
