import { homedir } from 'node:os';
import type { Argv } from 'yargs';
import type { AwsEvidenceOptions, AwsHooks } from '../app/aws-evidence-options.ts';
import { LOOKUP_ATTRIBUTE_KEYS, type LookupAttribute } from '../aws/lookup-attributes.ts';
import { UsageError } from '../errors.ts';
import type { AthenaPartitions } from '../sources/grouped-query.ts';
import { formatProgress } from '../sources/progress.ts';
import { defaultCacheDir } from '../sources/s3-cache.ts';
import { warn, type CliIo } from './io.ts';

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

function check(ok: boolean, message: string): void {
  if (!ok) throw new UsageError(message);
}

/** --lookup-attribute KEY=VALUE, validated against the keys LookupEvents accepts. */
export function parseLookupAttribute(value: string): LookupAttribute {
  const at = value.indexOf('=');
  const key = LOOKUP_ATTRIBUTE_KEYS.find((k) => k === value.slice(0, at));
  check(
    at > 0 && key !== undefined && at < value.length - 1,
    `--lookup-attribute ${value}: expected KEY=VALUE, KEY one of ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}`,
  );
  return { key: key!, value: value.slice(at + 1) };
}

/** --athena-partitions: `timestamp`, `region`, `account`, each optionally `=COLUMN`. */
export function parsePartitions(values: readonly string[]): AthenaPartitions {
  const out: AthenaPartitions = {};
  for (const value of values.flatMap((v) => v.split(','))) {
    const [kind = '', column = kind] = value.split('=');
    check(
      kind === 'timestamp' || kind === 'region' || kind === 'account',
      `--athena-partitions ${value}: expected timestamp, region or account`,
    );
    out[kind as keyof AthenaPartitions] = column;
  }
  return out;
}

function validate(args: AwsArgs): void {
  for (const r of args.region ?? [])
    check(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(r), `--region ${r}: not an AWS region name`);
  for (const a of args.account ?? []) check(/^\d{12}$/.test(a), `--account ${a}: expected 12 digits`);
  const attempts = args['max-attempts'] ?? 8;
  check(
    Number.isInteger(attempts) && attempts >= 1 && attempts <= 20,
    '--max-attempts must be a whole number from 1 to 20',
  );
  const concurrency = args['s3-concurrency'] ?? 8;
  check(
    Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64,
    '--s3-concurrency must be a whole number from 1 to 64',
  );
  if (args['endpoint-url'])
    check(/^https?:\/\/[^\s]+$/.test(args['endpoint-url']), '--endpoint-url must be an http(s) URL');
  if (args.athena)
    check(
      /^s3:\/\/[^/]+/.test(args['athena-output'] ?? ''),
      '--athena needs --athena-output s3://bucket/prefix/ for the query results',
    );
}

/** Progress and warnings for the terminal: progress only when stderr is one. */
function hooks(io: CliIo): AwsHooks {
  return {
    warning: (message) => warn(io, message),
    now: () => io.now(),
    ...(io.stderrIsTty
      ? {
          progress: (p) => io.stderr(`\r${formatProgress(p)}\u001b[K${p.files === p.totalFiles ? '\n' : ''}`),
        }
      : {}),
  };
}

/** Flags -> the AWS part of the evidence options (always present: s3:// paths need it too). */
export function awsEvidenceOptions(args: AwsArgs, io: CliIo): AwsEvidenceOptions {
  validate(args);
  const regions = args.region ?? [];
  const { athena, workgroup, database } = args;
  return {
    client: {
      ...(regions[0] ? { region: regions[0] } : {}),
      ...(args.profile ? { profile: args.profile } : {}),
      ...(args['endpoint-url'] ? { endpointUrl: args['endpoint-url'] } : {}),
      maxAttempts: args['max-attempts'] ?? 8,
    },
    accounts: args.account ?? [],
    regions,
    ...(args.cache === false ? {} : { cacheDir: args['cache-dir'] ?? defaultCacheDir(io.env, homedir()) }),
    concurrency: args['s3-concurrency'] ?? 8,
    ...(args['cloudtrail-api']
      ? {
          lookup: args['lookup-attribute']
            ? { attribute: parseLookupAttribute(args['lookup-attribute']) }
            : {},
        }
      : {}),
    ...(args['cloudtrail-lake'] ? { lake: { eventDataStore: args['cloudtrail-lake'] } } : {}),
    ...(athena
      ? {
          athena: {
            table: athena,
            target: {
              outputLocation: args['athena-output']!,
              ...(workgroup ? { workgroup } : {}),
              ...(database ? { database } : {}),
            },
            ...(args['athena-partitions'] ? { partitions: parsePartitions(args['athena-partitions']) } : {}),
          },
        }
      : {}),
    hooks: hooks(io),
  };
}
