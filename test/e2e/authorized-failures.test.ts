import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { cloudTrailRecord } from '../support/records.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role';

// Real record shapes (tests/cases/cloudtrail-mapping.json has the full ones), fictional IDs.
const RECORDS = [
  cloudTrailRecord({ eventName: 'GetItem' }),
  cloudTrailRecord({
    eventSource: 's3.amazonaws.com',
    eventName: 'GetBucketPolicy',
    errorCode: 'NoSuchBucketPolicy',
    errorMessage: 'The bucket policy does not exist',
    requestParameters: {
      bucketName: 'example-logs-bucket',
      Host: 'example-logs-bucket.s3.amazonaws.com',
      policy: '',
    },
  }),
  cloudTrailRecord({
    eventName: 'UpdateItem',
    errorCode: 'ConditionalCheckFailedException',
    errorMessage: 'The conditional request failed',
    requestParameters: {
      tableName: 'orders',
      key: { id: 'o-1' },
      conditionExpression: 'attribute_not_exists(#Y)',
    },
  }),
  cloudTrailRecord({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameter',
    errorCode: 'ParameterNotFound',
    requestParameters: { name: '/orders/feature-flags', withDecryption: true },
  }),
  cloudTrailRecord({ eventName: 'Scan', errorCode: 'ValidationException', errorMessage: 'bad expression' }),
  cloudTrailRecord({
    eventName: 'DeleteItem',
    errorCode: 'AccessDenied',
    requestParameters: { tableName: 'orders' },
  }),
];

describe('e2e: calls that failed after authorization are granted, unknown errors are listed', () => {
  let dir: string;
  let file: string;

  before(() => {
    dir = tempDir('authz-');
    file = join(dir, 'trail.json');
    writeFileSync(file, JSON.stringify({ Records: RECORDS }));
  });

  it('grants NoSuchBucketPolicy, ConditionalCheckFailedException and ParameterNotFound calls, never the unknown or refused ones', async () => {
    const report = join(dir, 'report.json');
    const run = await runCli([
      'generate',
      '--cloudtrail',
      file,
      '--no-baseline',
      '--report',
      report,
      '--explain',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const policy = JSON.parse(run.stdout) as PolicyDocument;
    const actions = policy.Statement.flatMap((s) => s.Action ?? []).sort();
    expect(actions).to.deep.equal([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      's3:GetBucketPolicy',
      'ssm:GetParameter',
    ]);
    const s3 = policy.Statement.find((s) => s.Action?.includes('s3:GetBucketPolicy'));
    expect(s3?.Resource).to.deep.equal(['arn:aws:s3:::example-logs-bucket']);

    const written = JSON.parse(readFileSync(report, 'utf8')) as {
      ingest: {
        outcomes: Record<string, number>;
        errors: { outcome: string; errorCode: string; action: string; count: number }[];
      };
      roles: { principal: string; stats: { calls: number; authorizedFailures: number } }[];
    };
    expect(written.ingest.outcomes).to.deep.equal({ allowed: 1, denied: 1, failed: 3, unknown: 1 });
    expect(written.ingest.errors).to.deep.include({
      outcome: 'unknown',
      errorCode: 'ValidationException',
      action: 'dynamodb:Scan',
      count: 1,
    });
    expect(
      written.ingest.errors
        .filter((e) => e.outcome === 'failed')
        .map((e) => e.errorCode)
        .sort(),
    ).to.deep.equal(['ConditionalCheckFailedException', 'NoSuchBucketPolicy', 'ParameterNotFound']);
    expect(written.roles[0]).to.deep.include({ principal: ROLE });
    expect(written.roles[0]!.stats).to.include({ calls: 4, authorizedFailures: 3 });
    expect(run.stderr).to.include('s3:GetBucketPolicy: 1 (1 failed after authorization)');
    expect(run.stderr).to.include('3 call(s) failed after authorization');
    expect(run.stderr).to.include(
      '1 call(s) ended in an error that does not show IAM allowed them (throttling, 5xx, unknown codes): not granted',
    );
  });

  it('--no-authorized-failures leaves them out; --include-denied keeps its meaning (refusals only)', async () => {
    const strict = await runCli([
      'generate',
      '--cloudtrail',
      file,
      '--no-baseline',
      '--no-authorized-failures',
    ]);
    expect(strict.code, strict.stderr).to.equal(0);
    const only = JSON.parse(strict.stdout) as PolicyDocument;
    expect(only.Statement.flatMap((s) => s.Action ?? [])).to.deep.equal(['dynamodb:GetItem']);

    const denied = await runCli(['generate', '--cloudtrail', file, '--no-baseline', '--include-denied']);
    const all = JSON.parse(denied.stdout) as PolicyDocument;
    const actions = all.Statement.flatMap((s) => s.Action ?? []);
    expect(actions).to.include('dynamodb:DeleteItem');
    expect(actions).not.to.include('dynamodb:Scan');
  });
});
