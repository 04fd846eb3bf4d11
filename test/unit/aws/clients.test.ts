import { expect } from 'chai';
import { AwsClients, baseClientConfig, DEFAULT_MAX_ATTEMPTS } from '../../../src/aws/clients.ts';

describe('AwsClients: one factory for every SDK client', () => {
  it('uses adaptive retries and 8 attempts by default, and passes region, profile and endpoint', () => {
    expect(
      baseClientConfig({ region: 'eu-west-1', profile: 'audit', endpointUrl: 'http://127.0.0.1:4566' }),
    ).to.deep.equal({
      region: 'eu-west-1',
      profile: 'audit',
      endpoint: 'http://127.0.0.1:4566',
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      retryMode: 'adaptive',
    });
  });

  it('lets a per-client region win over the default one', () => {
    expect(baseClientConfig({ region: 'eu-west-1' }, 'us-east-1')).to.include({ region: 'us-east-1' });
    expect(baseClientConfig({})).to.not.have.property('region');
  });

  it('addresses S3 path-style only when an endpoint is given', async () => {
    const local = new AwsClients({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:9' });
    const aws = new AwsClients({ region: 'eu-west-1' });
    try {
      expect(local.s3().config.forcePathStyle).to.equal(true);
      expect(aws.s3().config.forcePathStyle).to.equal(false);
      expect(await local.s3().config.maxAttempts()).to.equal(DEFAULT_MAX_ATTEMPTS);
      const strategy = await local.cloudTrail().config.retryStrategy();
      expect(strategy).to.have.property('mode', 'adaptive');
    } finally {
      local.close();
      aws.close();
    }
  });

  it('builds each client once per service and region', () => {
    const clients = new AwsClients({ region: 'eu-west-1' });
    try {
      expect(clients.cloudTrail()).to.equal(clients.cloudTrail());
      expect(clients.cloudTrail('us-east-1')).to.not.equal(clients.cloudTrail());
      expect(clients.athena()).to.equal(clients.athena());
    } finally {
      clients.close();
    }
  });
});
