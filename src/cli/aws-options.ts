// The AWS flags (aws-flags.ts) -> options, validated; loaded only by a command that runs.
import { homedir } from 'node:os';
import type { AwsEvidenceOptions, AwsHooks } from '../app/aws-evidence-options.ts';
import { LOOKUP_ATTRIBUTE_KEYS, type LookupAttribute } from '../aws/lookup-attributes.ts';
import { UsageError } from '../errors.ts';
import type { AthenaPartitions } from '../sources/grouped-query.ts';
import { formatProgress } from '../sources/progress.ts';
import { defaultCacheDir } from '../sources/s3-cache.ts';
import type { AwsArgs } from './aws-flags.ts';
import { warn, type CliIo } from './io.ts';

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
