import { PutObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import type { AwsEvidenceOptions } from '../../../src/app/aws-evidence.ts';
import { collectEvidence } from '../../../src/app/evidence.ts';
import { fastRetries, localClients, TEST_CREDENTIALS } from '../../support/local-aws.ts';
import { startJsonService } from '../../support/local-json-service.ts';
import { S3RVER_CREDENTIALS, startLocalS3 } from '../../support/local-s3.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';

const KEY =
  'AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/20/123456789012_CloudTrail_eu-west-1_20261120T1020Z_a.json.gz';

function awsOptions(endpoint: string, extra: Partial<AwsEvidenceOptions> = {}): AwsEvidenceOptions {
  return {
    client: {
      region: 'eu-west-1',
      endpointUrl: endpoint,
      credentials: TEST_CREDENTIALS,
      retryStrategy: fastRetries(),
    },
    accounts: [],
    regions: ['eu-west-1'],
    ...extra,
  };
}

describe('collectEvidence with live AWS sources', () => {
  it('routes s3:// paths to the trail bucket reader', async () => {
    const server = await startLocalS3(['trail']);
    try {
      const seed = localClients(server.endpoint, { credentials: S3RVER_CREDENTIALS });
      await seed.s3().send(
        new PutObjectCommand({
          Bucket: 'trail',
          Key: KEY,
          Body: gzipSync(JSON.stringify({ Records: [cloudTrailRecord()] })),
        }),
      );
      seed.close();
      const aws = awsOptions(server.endpoint);
      aws.client.credentials = S3RVER_CREDENTIALS;
      const { store, tally } = await collectEvidence(
        {
          cloudtrail: ['s3://trail'],
          roles: [],
          window: { since: '2026-11-20T00:00:00.000Z', until: '2026-11-20T23:00:00.000Z' },
          aws,
        },
        { catalog: await realCatalog() },
      );
      expect(store.facts().map((f) => f.action)).to.deep.equal(['dynamodb:GetItem']);
      expect(tally.toReport()).to.include({ files: 1, records: 1, used: 1 });
    } finally {
      await server.close();
    }
  });

  it('reads LookupEvents when asked, warning that it sees management events only', async () => {
    const event = cloudTrailRecord({
      eventSource: 'lambda.amazonaws.com',
      eventName: 'GetFunctionConfiguration20150331v2',
      requestParameters: { functionName: 'orders' },
    });
    const service = await startJsonService(() => ({
      body: { Events: [{ CloudTrailEvent: JSON.stringify(event) }] },
    }));
    try {
      const warnings: string[] = [];
      const aws = awsOptions(service.endpoint, {
        lookup: {},
        hooks: { warning: (w) => warnings.push(w), now: () => new Date('2026-11-25T00:00:00Z') },
      });
      const { store } = await collectEvidence(
        { cloudtrail: [], roles: ['orders-api-role'], aws },
        { catalog: await realCatalog() },
      );
      expect(store.facts().map((f) => [f.action, f.resources])).to.deep.equal([
        ['lambda:GetFunctionConfiguration', ['arn:aws:lambda:eu-west-1:123456789012:function:orders']],
      ]);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/management events only/);
    } finally {
      await service.close();
    }
  });
});
