// The evidence flags (evidence-flags.ts) -> options, validated; loaded only by a command that runs.
import { hasAwsApiSource } from '../app/aws-evidence-options.ts';
import type { EvidenceOptions } from '../app/evidence.ts';
import { hasTraceEvidence, type TraceOptions } from '../app/ingest-traces.ts';
import { parseFunctionRoleFlag } from '../ingest/function-roles.ts';
import { UsageError } from '../errors.ts';
import { awsEvidenceOptions } from './aws-options.ts';
import type { EvidenceArgs } from './evidence-flags.ts';
import { restoreStdinArg, type CliIo } from './io.ts';
import { parseTimeFlag } from './time.ts';

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
