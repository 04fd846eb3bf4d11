import { expect } from 'chai';
import { awsEvidenceOptions, parseLookupAttribute, parsePartitions } from '../../../src/cli/aws-options.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';
import { UsageError } from '../../../src/errors.ts';

function fakeIo(stderrIsTty = false): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => new Uint8Array(),
    now: () => new Date('2026-11-25T00:00:00Z'),
    stderrIsTty,
    stdoutIsTty: false,
    env: { XDG_CACHE_HOME: '/tmp/xdg' },
  };
}

describe('AWS flags', () => {
  it('builds client, cache and source options from the flags', () => {
    const options = awsEvidenceOptions(
      {
        region: ['eu-west-1', 'us-east-1'],
        profile: 'audit',
        'cloudtrail-api': true,
        'lookup-attribute': 'Username=orders-api',
        athena: 'audit.cloudtrail_logs',
        'athena-output': 's3://results/',
        'athena-partitions': ['timestamp,region=region_p'],
      },
      fakeIo(),
    );
    expect(options.client).to.deep.equal({ region: 'eu-west-1', profile: 'audit', maxAttempts: 8 });
    expect(options.cacheDir).to.equal('/tmp/xdg/tightrole');
    expect(options.lookup).to.deep.equal({ attribute: { key: 'Username', value: 'orders-api' } });
    expect(options.athena).to.deep.equal({
      table: 'audit.cloudtrail_logs',
      target: { outputLocation: 's3://results/' },
      partitions: { timestamp: 'timestamp', region: 'region_p' },
    });
    expect(options.hooks?.progress).to.equal(undefined);
    expect(awsEvidenceOptions({}, fakeIo(true)).hooks?.progress).to.be.a('function');
    expect(awsEvidenceOptions({ cache: false }, fakeIo()).cacheDir).to.equal(undefined);
  });

  it('refuses bad values with usage errors', () => {
    expect(() => parseLookupAttribute('Username')).to.throw(UsageError);
    expect(() => parseLookupAttribute('Color=red')).to.throw(UsageError);
    expect(() => parsePartitions(['day'])).to.throw(UsageError);
    expect(() => awsEvidenceOptions({ region: ['Europe'] }, fakeIo())).to.throw(UsageError, /--region/);
    expect(() => awsEvidenceOptions({ account: ['123'] }, fakeIo())).to.throw(UsageError, /--account/);
    expect(() => awsEvidenceOptions({ athena: 't' }, fakeIo())).to.throw(UsageError, /--athena-output/);
  });

  it('prints the permissions policy from the CLI', async () => {
    const io = fakeIo();
    const code = await main(['permissions', '--cloudtrail-api'], io);
    expect(code).to.equal(0);
    expect(JSON.parse(io.out.join(''))).to.deep.equal({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'LookupCloudTrailEvents',
          Effect: 'Allow',
          Action: ['cloudtrail:LookupEvents'],
          Resource: ['*'],
        },
      ],
    });
    expect(await main(['permissions'], fakeIo())).to.equal(2);
  });
});
