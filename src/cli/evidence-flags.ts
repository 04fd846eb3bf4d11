import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { hasAwsApiSource } from '../app/aws-evidence-options.ts';
import type { EvidenceOptions } from '../app/evidence.ts';
import { hasTraceEvidence, type TraceOptions } from '../app/ingest-traces.ts';
import { parseFunctionRoleFlag } from '../ingest/function-roles.ts';
import { UsageError } from '../errors.ts';
import { awsEvidenceOptions, awsFlags, type AwsArgs } from './aws-flags.ts';
import { restoreStdinArg, type CliIo } from './io.ts';
import { parseTimeFlag } from './time.ts';

export interface EvidenceArgs extends AwsArgs {
  cloudtrail?: string[] | undefined;
  role?: string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
  jobs?: number | undefined;
  'max-facts'?: number | undefined;
  'max-record-bytes'?: number | undefined;
  'max-file-bytes'?: number | undefined;
  xray?: string[] | undefined;
  otel?: string[] | undefined;
  'xray-api'?: boolean | undefined;
  'filter-expression'?: string | undefined;
  'function-role'?: string[] | undefined;
  'function-roles-file'?: string | undefined;
  'resolve-roles'?: boolean | undefined;
}

/** --jobs, validated. */
export function jobsOption(args: EvidenceArgs): number {
  const jobs = args.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256)
    throw new UsageError('--jobs must be a whole number from 1 to 256');
  return jobs;
}

/** --jobs plus the resource limits, validated, as collectEvidence takes them. */
export function ingestOptions(args: EvidenceArgs): {
  jobs: number;
  maxFacts?: number;
  maxRecordBytes?: number;
  maxFileBytes?: number;
} {
  const positive = (flag: string, value: number | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 1)
      throw new UsageError(`--${flag} must be a whole number of at least 1`);
    return value;
  };
  const maxFacts = positive('max-facts', args['max-facts']);
  const maxRecordBytes = positive('max-record-bytes', args['max-record-bytes']);
  const maxFileBytes = positive('max-file-bytes', args['max-file-bytes']);
  return {
    jobs: jobsOption(args),
    ...(maxFacts ? { maxFacts } : {}),
    ...(maxRecordBytes ? { maxRecordBytes } : {}),
    ...(maxFileBytes ? { maxFileBytes } : {}),
  };
}

/** Flags shared by every command that reads evidence; `--help` lists them first (Evidence, Traces, AWS). */
export function evidenceFlags<T>(y: Argv<T>) {
  return awsFlags(localEvidenceFlags(y));
}

function localEvidenceFlags<T>(y: Argv<T>) {
  return y
    .option('cloudtrail', {
      type: 'string',
      array: true,
      describe: 'CloudTrail logs: file, directory (recursive: *.json, *.json.gz, *.jsonl), or - for stdin',
      group: 'Evidence:',
    })
    .option('role', {
      type: 'string',
      array: true,
      describe: 'Only this role (name or ARN); repeatable. Default: every role seen',
      group: 'Evidence:',
    })
    .option('since', {
      type: 'string',
      describe: 'Only events at or after: ISO-8601 or relative (7d, 12h)',
      group: 'Evidence:',
    })
    .option('until', {
      type: 'string',
      describe: 'Only events at or before: ISO-8601 or relative',
      group: 'Evidence:',
    })
    .option('jobs', {
      type: 'number',
      default: availableParallelism(),
      defaultDescription: 'one per core',
      describe: 'Worker threads for reading local CloudTrail files (output is identical for any value)',
      group: 'Evidence:',
    })
    .option('max-facts', {
      type: 'number',
      defaultDescription: '2000000',
      describe: 'Stop with an error past this many distinct facts (a crafted corpus cannot exhaust memory)',
      group: 'Evidence:',
    })
    .option('max-record-bytes', {
      type: 'number',
      defaultDescription: '1048576',
      describe: 'Skip (and count) records longer than this many characters of JSON',
      group: 'Evidence:',
    })
    .option('max-file-bytes', {
      type: 'number',
      defaultDescription: '4294967296',
      describe:
        'Stop reading a file past this many bytes of JSON once decompressed (records before it are kept)',
      group: 'Evidence:',
    })
    .option('xray', {
      type: 'string',
      array: true,
      describe: 'X-Ray traces: batch-get-traces output, segment documents, daemon datagrams (file, dir, -)',
      group: TRACES,
    })
    .option('otel', {
      type: 'string',
      array: true,
      describe: 'OpenTelemetry spans as OTLP JSON (collector file exporter; file, dir, -)',
      group: TRACES,
    })
    .option('xray-api', {
      type: 'boolean',
      describe: 'Read X-Ray GetTraceSummaries + BatchGetTraces for --since/--until',
      group: TRACES,
    })
    .option('filter-expression', {
      type: 'string',
      describe: 'X-Ray filter expression for --xray-api, e.g. service("orders-api")',
      group: TRACES,
    })
    .option('function-role', {
      type: 'string',
      array: true,
      describe: 'FUNCTION=ROLE_ARN: the role of a traced function (name or ARN); repeatable',
      group: TRACES,
    })
    .option('function-roles-file', {
      type: 'string',
      describe: 'JSON file { "functionNameOrArn": "roleArn" } naming traced functions\' roles',
      group: TRACES,
    })
    .option('resolve-roles', {
      type: 'boolean',
      describe:
        "Ask Lambda GetFunctionConfiguration for the roles of traced functions nothing else names; generate also reads each function's configuration and event source mappings",
      group: TRACES,
    });
}

const TRACES = 'Traces:';

/** The trace part of the evidence options (flags validated), or undefined when no trace flag is given. */
export function traceOptions(
  args: EvidenceArgs,
  since: string | undefined,
  until: string | undefined,
  now: Date,
): TraceOptions {
  const functionRoles = args['function-role'] ?? [];
  for (const entry of functionRoles) {
    const pair = parseFunctionRoleFlag(entry);
    if (typeof pair === 'string') throw new UsageError(`--function-role ${pair}`);
  }
  if (args['filter-expression'] !== undefined && !args['xray-api'])
    throw new UsageError('--filter-expression applies to --xray-api only');
  if (args['xray-api'] && !since)
    throw new UsageError('--xray-api needs --since (X-Ray keeps traces for 30 days)');
  const xrayApi = args['xray-api']
    ? {
        since: since!,
        until: until ?? now.toISOString(),
        ...(args['filter-expression'] ? { filterExpression: args['filter-expression'] } : {}),
      }
    : undefined;
  return {
    xray: (args.xray ?? []).map(restoreStdinArg),
    otel: (args.otel ?? []).map(restoreStdinArg),
    ...(xrayApi ? { xrayApi } : {}),
    functionRoles,
    ...(args['function-roles-file'] ? { functionRolesFile: args['function-roles-file'] } : {}),
    resolveRoles: args['resolve-roles'] ?? false,
  };
}

export function evidenceOptions(args: EvidenceArgs, io: CliIo): EvidenceOptions {
  const cloudtrail = (args.cloudtrail ?? []).map(restoreStdinArg);
  const aws = awsEvidenceOptions(args, io);
  const now = io.now();
  const since = args.since !== undefined ? parseTimeFlag('since', args.since, now) : undefined;
  const until = args.until !== undefined ? parseTimeFlag('until', args.until, now) : undefined;
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
  const traces = traceOptions(args, since, until, now);
  if (cloudtrail.length === 0 && !hasAwsApiSource(aws) && !hasTraceEvidence(traces)) {
    throw new UsageError(
      'give at least one evidence source: --cloudtrail PATH, --xray PATH, --otel PATH (or --cloudtrail-api, --cloudtrail-lake, --athena, --xray-api)',
    );
  }
  return {
    ...(hasTraceEvidence(traces) ? { traces } : {}),
    cloudtrail,
    roles: args.role ?? [],
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    aws,
  };
}
