import type { Catalog } from '../catalog/catalog.ts';
import { InputError } from '../errors.ts';
import { uncorrelatedReason } from '../catalog/handles.ts';
import { FactLimitExceeded, FactStore } from '../facts/fact-store.ts';
import { IngestTally } from '../ingest/tally.ts';
import { expandPaths } from '../sources/expand-paths.ts';
import { hasAwsApiSource, type AwsEvidenceOptions } from './aws-evidence-options.ts';
import {
  cloudTrailIngest,
  ingestCloudTrailFiles,
  type IngestDeps,
  type IngestSinks,
} from './ingest-cloudtrail.ts';
import { DEFAULT_INGEST_LIMITS, type CloudTrailIngestPlan } from './ingest-plan.ts';
import { ALL_TIME, type TimeWindow } from '../model/time-window.ts';
import { ingestInParallel } from './parallel-ingest.ts';
import { hasTraceEvidence, ingestTraces, type TraceOptions, type TraceReport } from './ingest-traces.ts';
import { LearnedFunctionRoles } from '../ingest/function-roles.ts';
import type { FileDone } from './progress-tap.ts';
import { fileSizes } from '../sources/expand-paths.ts';
import type { TransferProgress } from '../sources/progress.ts';
import type { TracePorts } from './ports.ts';
import { traceReaders } from './trace-readers.ts';

/** What every evidence-reading command takes. */
export interface EvidenceOptions {
  cloudtrail: readonly string[];
  roles: readonly string[];
  /** The --since/--until window (default: all time). */
  window?: TimeWindow;
  /** Live AWS sources (s3:// paths, LookupEvents, CloudTrail Lake, Athena) and how to reach AWS. */
  aws?: AwsEvidenceOptions;
  /** X-Ray / OTel evidence and how to find each traced function's role. */
  traces?: TraceOptions;
}

export interface EvidenceDeps {
  catalog: Catalog;
  /** What trace evidence may ask AWS; default: SDK clients built from the run's AWS options. */
  tracePorts?: TracePorts;
  /** Worker threads for local CloudTrail files (1 = this thread). */
  jobs?: number;
  readStdin?: () => Promise<Uint8Array>;
  onProblem?: (file: string, reason: string) => void;
  /** Distinct facts allowed before the run stops (default 2,000,000). */
  maxFacts?: number;
  /** Longest record parsed, in UTF-8 bytes (default 1 MiB). */
  maxRecordBytes?: number;
  /** Decompressed bytes read of one file at most (default 4 GiB); see DecodeOptions.maxFileBytes. */
  maxFileBytes?: number;
  /** Progress of local file reading (the CLI shows it when stderr is a terminal). */
  onProgress?: (progress: TransferProgress) => void;
  /** Warnings that do not stop the run (traced functions without a role, ...). */
  onWarning?: (message: string) => void;
  /**
   * Mask per-request identifiers in resources as facts arrive (the reducer's first generalization
   * step, in this mode), so memory grows with distinct patterns, not distinct object keys. Only for
   * commands that generalize anyway: diff and roles need the exact resources.
   */
  premask?: 'safe' | 'aggressive';
}

export interface Evidence {
  store: FactStore;
  tally: IngestTally;
  /** Traced functions and their roles, when trace evidence was read. */
  traces?: TraceReport;
  /** Role sessions seen in CloudTrail (Lambda names its session after the function). */
  learned: LearnedFunctionRoles;
}

/** Reads every evidence source named in the options into one fact store. */
export async function collectEvidence(options: EvidenceOptions, deps: EvidenceDeps): Promise<Evidence> {
  try {
    return await collect(options, deps);
  } catch (error) {
    if (!(error instanceof FactLimitExceeded)) throw error;
    throw new InputError(
      `the evidence holds ${error.message}; raise --max-facts if this is a real account, or narrow it with --role/--since`,
    );
  }
}

/** The plan of this run's CloudTrail ingest: the one value both this thread and the workers follow. */
export function cloudTrailIngestPlan(options: EvidenceOptions, deps: EvidenceDeps): CloudTrailIngestPlan {
  return {
    selection: {
      roles: options.roles,
      window: options.window ?? ALL_TIME,
      // Traced functions' roles are learned from every CloudTrail session: no raw-text pre-filter then.
      rawTextPreFilter: !hasTraceEvidence(options.traces),
    },
    limits: {
      maxRecordBytes: deps.maxRecordBytes ?? DEFAULT_INGEST_LIMITS.maxRecordBytes,
      maxFileBytes: deps.maxFileBytes ?? DEFAULT_INGEST_LIMITS.maxFileBytes,
      maxFacts: deps.maxFacts ?? DEFAULT_INGEST_LIMITS.maxFacts,
    },
    normalizers: deps.premask ? { premask: deps.premask } : {},
    // Role sessions name traced functions' roles and show which roles Lambda runs (platform baselines).
    learnFunctionRoles: true,
  };
}

async function collect(options: EvidenceOptions, deps: EvidenceDeps): Promise<Evidence> {
  const plan = cloudTrailIngestPlan(options, deps);
  const store = new FactStore(plan.limits.maxFacts);
  const tally = new IngestTally();
  const learned = new LearnedFunctionRoles();
  const onProblem = deps.onProblem ? { onProblem: deps.onProblem } : {};
  const sinks: IngestSinks = { store, tally, learned, ...onProblem };
  const ingest = cloudTrailIngest(plan, deps.catalog, sinks);
  // The AWS SDK loads only when an AWS source is used (it costs half a second of start-up).
  const usesAws = hasAwsApiSource(options.aws) || options.cloudtrail.some((path) => path.startsWith('s3://'));
  const aws = options.aws && usesAws ? await import('./aws-evidence.ts') : undefined;
  const request = options.aws && {
    aws: options.aws,
    roles: plan.selection.roles,
    window: plan.selection.window,
  };
  if (aws && request) await aws.collectAwsEvidence(request, ingest);
  const files = await expandPaths(options.cloudtrail, ({ file, reason }) => {
    tally.problem({ file, reason });
    deps.onProblem?.(file, reason);
  });
  const onFileDone = deps.onProgress ? await progressCounter(files, deps.onProgress) : undefined;
  const allLocal = files.every((f) => f !== '-' && !f.startsWith('s3://'));
  if ((deps.jobs ?? 1) > 1 && files.length > 1 && allLocal) {
    await ingestInParallel(plan, files, deps.jobs ?? 1, { ...sinks, ...(onFileDone ? { onFileDone } : {}) });
    // Workers loaded their own catalogs; the reducer here needs the services the facts name.
    await deps.catalog.ensure(new Set([...store].map((f) => f.action.slice(0, f.action.indexOf(':')))));
  } else {
    await ingestCloudTrailFiles(
      plan,
      files,
      deps.catalog,
      { ...sinks, ...(onFileDone ? { onFileDone } : {}) },
      {
        ...(deps.readStdin ? { readStdin: deps.readStdin } : {}),
        ...(aws && request ? { readS3: aws.s3PathReader(request) } : {}),
      },
    );
  }
  return withTraces(options, deps, ingest, plan.limits.maxFacts);
}

/** Traces are read last: the CloudTrail sessions read before name the traced functions' roles. */
async function withTraces(
  options: EvidenceOptions,
  deps: EvidenceDeps,
  ingest: IngestDeps,
  maxFacts: number,
): Promise<Evidence> {
  correlateHandles(ingest.store, ingest.tally);
  const evidence = { store: ingest.store, tally: ingest.tally, learned: ingest.learned! };
  if (!options.traces || !hasTraceEvidence(options.traces)) return evidence;
  // Trace observations pass the same normalizer (premask) as CloudTrail's: facts grow with patterns.
  const traces = await ingestTraces(options.traces, {
    ...ingest,
    maxFacts,
    ports: deps.tracePorts ?? traceReaders(options.aws?.client ?? {}),
    ...(deps.readStdin ? { readStdin: deps.readStdin } : {}),
    ...(deps.onWarning ? { onWarning: deps.onWarning } : {}),
  });
  return { ...evidence, traces };
}

/** Turns finished files into progress over the whole run (sizes are the files' bytes on disk). */
async function progressCounter(
  files: readonly string[],
  report: (p: TransferProgress) => void,
): Promise<(done: FileDone) => void> {
  const sizes = await fileSizes(files);
  const started = Date.now();
  const p: TransferProgress = {
    files: 0,
    totalFiles: files.length,
    bytes: 0,
    totalBytes: [...sizes.values()].reduce((a, b) => a + b, 0),
    events: 0,
    cached: 0,
    elapsedMs: 0,
  };
  return (done) => {
    p.files++;
    p.bytes += sizes.get(done.file) ?? 0;
    p.events += done.events;
    p.elapsedMs = Date.now() - started;
    report({ ...p });
  };
}

/**
 * Once every CloudTrail record is read, calls that named only a handle get their own role's resources
 * for it; those that cannot are reported as unresolved, with the reason.
 */
function correlateHandles(store: FactStore, tally: IngestTally): void {
  for (const u of store.correlate()) {
    tally.unresolvedCall(u.action, u.count, `${u.handle.slice(0, 80)}: ${uncorrelatedReason(u.handle)}`);
  }
}
