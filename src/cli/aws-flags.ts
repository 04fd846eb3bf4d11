// Flag declarations only: what a run does with them is in aws-options.ts, loaded by the command that
// runs (so --help, --version and convert load nothing of the AWS side).
import type { Argv } from 'yargs';

export interface AwsArgs {
  profile?: string | undefined;
  region?: string[] | undefined;
  account?: string[] | undefined;
  'endpoint-url'?: string | undefined;
  'max-attempts'?: number | undefined;
  'cache-dir'?: string | undefined;
  cache?: boolean | undefined;
  's3-concurrency'?: number | undefined;
  'cloudtrail-api'?: boolean | undefined;
  'lookup-attribute'?: string | undefined;
  'cloudtrail-lake'?: string | undefined;
  athena?: string | undefined;
  'athena-output'?: string | undefined;
  workgroup?: string | undefined;
  database?: string | undefined;
  'athena-partitions'?: string[] | undefined;
}

const AWS = 'AWS:';
const SCALE = 'CloudTrail Lake / Athena:';

/** Flags for live AWS sources and for reaching AWS (profile, region, endpoint, retries, cache). */
export function awsFlags<T>(y: Argv<T>) {
  return y
    .option('cloudtrail-api', {
      type: 'boolean',
      describe: 'Read CloudTrail LookupEvents (management events, last 90 days)',
      group: AWS,
    })
    .option('lookup-attribute', {
      type: 'string',
      describe: 'Narrow LookupEvents: KEY=VALUE, e.g. Username=my-function',
      group: AWS,
    })
    .option('profile', {
      type: 'string',
      describe: 'AWS profile (default: the SDK chain: env, AWS_PROFILE, SSO, IMDS)',
      group: AWS,
    })
    .option('region', {
      type: 'string',
      array: true,
      describe: 'Regions to read (trail folders, LookupEvents, query filter); the first is the API region',
      group: AWS,
    })
    .option('account', {
      type: 'string',
      array: true,
      describe: 'Accounts to read in an organization trail (default: all)',
      group: AWS,
    })
    .option('endpoint-url', {
      type: 'string',
      describe: 'Another AWS endpoint (LocalStack, S3-compatible); S3 then uses path-style URLs',
      group: AWS,
    })
    .option('max-attempts', {
      type: 'number',
      default: 8,
      describe: 'Attempts per AWS request (adaptive retries)',
      group: AWS,
    })
    .option('cache-dir', {
      type: 'string',
      describe: 'Cache for downloaded S3 objects (default: $XDG_CACHE_HOME/tightrole or ~/.cache/tightrole)',
      group: AWS,
    })
    .option('cache', {
      type: 'boolean',
      default: true,
      describe: 'Cache S3 objects by ETag (--no-cache: always download)',
      group: AWS,
    })
    .option('s3-concurrency', { type: 'number', default: 8, describe: 'S3 downloads in flight', group: AWS })
    .option('cloudtrail-lake', {
      type: 'string',
      describe: 'Query this CloudTrail Lake event data store (ID or ARN)',
      group: SCALE,
    })
    .option('athena', {
      type: 'string',
      describe: 'Query this Athena CloudTrail table ([database.]table)',
      group: SCALE,
    })
    .option('athena-output', {
      type: 'string',
      describe: 'Athena query results location (s3://...)',
      group: SCALE,
    })
    .option('workgroup', { type: 'string', describe: 'Athena work group (default: primary)', group: SCALE })
    .option('database', {
      type: 'string',
      describe: 'Athena database (default: the table name prefix or the work group default)',
      group: SCALE,
    })
    .option('athena-partitions', {
      type: 'string',
      array: true,
      describe: 'Partition columns of the Athena table: timestamp, region, account (or KIND=COLUMN)',
      group: SCALE,
    });
}
