import type { FunctionRoleApi } from '../aws/lambda.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { UsageError } from '../errors.ts';
import type { FactStore } from '../facts/fact-store.ts';
import {
  FunctionRoleTable,
  LearnedFunctionRoles,
  parseFunctionRoleFlag,
  resolveFromTables,
  type RoleLookup,
  type RoleTables,
} from '../ingest/function-roles.ts';
import { otelExportsFromText } from '../ingest/otel-documents.ts';
import { isRoleArn } from '../ingest/principal.ts';
import type { RecordFilter } from '../ingest/record-result.ts';
import type { ObservationNormalizer } from '../model/observation.ts';
import type { IngestTally } from '../ingest/tally.ts';
import type { TraceSubject } from '../ingest/trace-call.ts';
import { xrayDocumentsFromText, xrayDocumentsFromValue } from '../ingest/trace-documents.ts';
import { batchPrefixes, feedBatch, otelBatch, xrayBatch } from '../ingest/trace-feed.ts';
import { PendingTraces, type TracedFunction } from '../facts/trace-pending.ts';
import { expandPaths, type SkippedPath } from '../sources/expand-paths.ts';
import { readXRayApi } from '../sources/xray-api.ts';
import { readTraceFiles, type TraceFile } from '../sources/xray-files.ts';
import { readFunctionRolesFile } from '../sources/xray-role-file.ts';
import type { TracePorts } from './ports.ts';

/** Trace evidence to read and how to find each traced function's role. */
export interface TraceOptions {
  /** X-Ray files, directories or `-`. */
  xray: readonly string[];
  /** OTLP JSON files, directories or `-`. */
  otel: readonly string[];
  /** Read X-Ray's API (GetTraceSummaries + BatchGetTraces) for this window. */
  xrayApi?: { since: string; until: string; filterExpression?: string };
  /** `FUNCTION=ROLE_ARN` entries (`--function-role`), tried first. */
  functionRoles: readonly string[];
  /** A JSON mapping `{ "functionNameOrArn": "roleArn" }`, tried second. */
  functionRolesFile?: string;
  /** Ask Lambda `GetFunctionConfiguration` for functions nothing else names (default false). */
  resolveRoles?: boolean;
  /** Account for traces that name none (default: such calls' ARNs stay unresolved). */
  account?: string;
}

/** What the trace ingest writes into and reads from. */
export interface TraceDeps {
  catalog: Catalog;
  store: FactStore;
  tally: IngestTally;
  filter: RecordFilter;
  /** The run's normalizers (the premask), applied to every trace observation. */
  normalize?: ObservationNormalizer;
  /** Function -> role pairs learned from the run's CloudTrail records (read before traces). */
  learned?: LearnedFunctionRoles;
  /** How to reach AWS for `xrayApi` and `resolveRoles` (app/readers.ts `traceReaders` builds the real ones). */
  ports: TracePorts;
  readStdin?: () => Promise<Uint8Array>;
  onProblem?: (file: string, reason: string) => void;
  onWarning?: (message: string) => void;
  maxFacts?: number;
}

/** Every traced function, its role and where the role came from (or why none was found). */
export interface TraceReport {
  functions: TracedFunction[];
}

/** True when the options name any trace evidence. */
export function hasTraceEvidence(options: TraceOptions | undefined): boolean {
  return options !== undefined && (options.xray.length > 0 || options.otel.length > 0 || !!options.xrayApi);
}

/**
 * Reads X-Ray and OTel evidence, holds it per function, resolves each function's role (flags, mapping
 * file, the run's CloudTrail sessions, then the Lambda API if allowed) and moves the facts into the
 * store under that role. Functions without a role are reported and their calls counted, never guessed.
 */
export async function ingestTraces(options: TraceOptions, deps: TraceDeps): Promise<TraceReport> {
  const explicit = explicitTable(options.functionRoles);
  const file = await fileTable(options.functionRolesFile, deps);
  const pending = new PendingTraces(deps.maxFacts, deps.normalize);
  const read = (files: AsyncIterable<TraceFile>, kind: 'xray' | 'otel') =>
    ingestFiles(files, kind, pending, options, deps);
  const stdin = deps.readStdin ? { readStdin: deps.readStdin } : {};
  const skipped = ({ file, reason }: SkippedPath) => deps.onWarning?.(`${file}: ${reason}`);
  await read(readTraceFiles(await expandPaths(options.xray, skipped), xrayDocumentsFromText, stdin), 'xray');
  await read(readTraceFiles(await expandPaths(options.otel, skipped), otelExportsFromText, stdin), 'otel');
  if (options.xrayApi) {
    const api = await deps.ports.openXRay();
    const warn = deps.onWarning ? { onWarning: deps.onWarning } : {};
    try {
      await read(
        readXRayApi(api, { ...options.xrayApi, ...warn, documentsOf: xrayDocumentsFromValue }),
        'xray',
      );
    } finally {
      api.close();
    }
  }
  const tables: RoleTables = { explicit, file, learned: deps.learned ?? new LearnedFunctionRoles() };
  const roles = await resolveRoles(pending.subjects(), tables, options, deps);
  const functions = pending.attribute((s) => roles.get(subjectKey(s))!, {
    store: deps.store,
    tally: deps.tally,
    selectRole: deps.filter.selectRole,
  });
  for (const f of functions.filter((f) => f.unresolved))
    deps.onWarning?.(`traces of ${f.name} (${f.records} calls) not used: ${f.unresolved}`);
  return { functions };
}

async function ingestFiles(
  files: AsyncIterable<TraceFile>,
  kind: 'xray' | 'otel',
  pending: PendingTraces,
  options: TraceOptions,
  deps: TraceDeps,
): Promise<void> {
  for await (const f of files) {
    deps.tally.file();
    if (f.problem) {
      deps.tally.problem({ file: f.file, reason: f.problem });
      deps.onProblem?.(f.file, f.problem);
    }
    for (const bad of f.bad)
      deps.tally.badRecord('malformed-record', `${f.file}#${bad.index}: ${bad.reason}`);
    const batch = (kind === 'xray' ? xrayBatch : otelBatch)(f.documents, f.file, options.account);
    await deps.catalog.ensure(batchPrefixes(batch));
    feedBatch(batch, deps.catalog, pending, deps.filter.window);
  }
}

function explicitTable(entries: readonly string[]): FunctionRoleTable {
  const pairs = entries.map((entry) => {
    const pair = parseFunctionRoleFlag(entry);
    if (typeof pair === 'string') throw new UsageError(`--function-role ${pair}`);
    return pair;
  });
  return new FunctionRoleTable(pairs);
}

async function fileTable(path: string | undefined, deps: TraceDeps): Promise<FunctionRoleTable> {
  if (!path) return new FunctionRoleTable();
  const { entries, problems } = await readFunctionRolesFile(path);
  for (const p of problems) deps.onWarning?.(`--function-roles-file ${path}: ${p} (ignored)`);
  return new FunctionRoleTable(entries);
}

function subjectKey(subject: TraceSubject): string {
  return subject.functionArn ?? `${subject.account ?? ''}/${subject.name}`;
}

const NO_ROLE =
  "no role known: give --function-role NAME=ROLE_ARN or --function-roles-file, include the function's CloudTrail, or pass --resolve-roles";

async function resolveRoles(
  subjects: TraceSubject[],
  tables: RoleTables,
  options: TraceOptions,
  deps: TraceDeps,
): Promise<Map<string, RoleLookup>> {
  const out = new Map<string, RoleLookup>();
  const api = options.resolveRoles ? await deps.ports.openLambdaRoles() : undefined;
  try {
    for (const subject of subjects) {
      const found = resolveFromTables(subject, tables) ?? (api ? await askLambda(api, subject) : undefined);
      out.set(subjectKey(subject), found ?? { kind: 'unresolved', reason: NO_ROLE });
    }
  } finally {
    api?.close();
  }
  return out;
}

async function askLambda(api: FunctionRoleApi, subject: TraceSubject): Promise<RoleLookup> {
  try {
    const role = await api.roleOf(subject.functionArn ?? subject.name, subject.region);
    if (role && isRoleArn(role)) return { kind: 'resolved', role, via: 'lambda-api' };
    return {
      kind: 'unresolved',
      reason: `Lambda GetFunctionConfiguration gave no role ARN for ${subject.name}`,
    };
  } catch (error) {
    return { kind: 'unresolved', reason: (error as Error).message };
  }
}
