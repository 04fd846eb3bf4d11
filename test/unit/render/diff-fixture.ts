import type { RoleDiff } from '../../../src/diff/types.ts';

/** A small diff; `hostile` fills every data field with text that tries to escape its context. */
export function sampleDiff(hostile = ''): RoleDiff {
  const h = (s: string) => `${s}${hostile}`;
  return {
    role: 'arn:aws:iam::123456789012:role/app@team-role',
    changed: true,
    current: {
      policies: [{ name: h('inline'), kind: 'inline', origin: h('file.json') }],
      notes: [h('a note')],
    },
    summary: {
      before: { actions: 1234, onStar: 1200 },
      after: { actions: 2, onStar: 0 },
      risks: [{ risk: 'pass-role-star', description: 'iam:PassRole on "*"', before: 1, after: 0 }],
      unused: 2,
      notVisible: 1,
      inferred: 1,
    },
    used: [{ action: 's3:GetObject', accessLevel: 'Read', calls: 10, current: 'allowed' }],
    unused: [
      { service: 's3', accessLevel: 'Write', scope: '*', actions: ['s3:PutObject', 's3:DeleteObject'] },
    ],
    narrowing: [{ actions: ['s3:GetObject'], before: [h('*')], after: [h('arn:aws:s3:::bucket/key')] }],
    notGranted: [
      {
        action: 's3:PutObject',
        resource: h('arn:aws:s3:::bucket/'),
        outcome: 'denied',
        calls: 2,
        current: 'implicit-deny',
      },
    ],
    notVisible: [
      {
        action: 's3:GetObjectAcl',
        kind: 'data-event',
        resourceType: 'AWS::S3::Object',
        reason: h('a S3 object-level data event'),
        inferred: false,
      },
    ],
    keptNotVisible: true,
    dataEvents: [{ resourceType: 'AWS::S3::Object', label: h('S3 object-level'), seen: false }],
    inferred: [
      {
        action: 'logs:PutLogEvents',
        resource: h('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn:*'),
        baseline: h('lambda-logs'),
        current: 'implicit-deny',
      },
    ],
    proposed: [
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'S3', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [h('arn:aws:s3:::bucket/key')] },
        ],
      },
    ],
  };
}

/** Text from logs and policies that tries every way out of Markdown. */
export const HOSTILE =
  ' `x` ``` <img src=x onerror=alert(1)> <script>alert(1)</script> @octocat #1 [link](https://evil.example) ' +
  '![img](http://evil.example/i.png) www.evil.example http://evil.example mail@evil.example | cell | ' +
  '&lt; <!-- c --> **bold** _i_ ~~s~~ \u001b[31m \u202e \n\n# heading\n<details>';
