// Flag declarations only: what a run does with them is in evidence-options.ts, loaded by the command
// that runs (so --help, --version and convert load none of the ingest side).
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { awsFlags, type AwsArgs } from './aws-flags.ts';

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
      describe: 'Skip (and count) records longer than this many bytes of JSON (UTF-8)',
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
