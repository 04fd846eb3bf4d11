import type { Catalog } from '../catalog/catalog.ts';
import type { FactStore } from '../facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../ingest/cloudtrail-record.ts';
import { teachesFunctionRole, type LearnedFunctionRoles } from '../ingest/function-roles.ts';
import { roleTextFilter } from '../ingest/principal.ts';
import { skipped, type RecordFilter } from '../ingest/record-result.ts';
import type { SkipReason } from '../model/skip-reason.ts';
import type { IngestTally } from '../ingest/tally.ts';
import type { ObservationNormalizer } from '../model/observation.ts';
import { readCloudTrailFiles, type FileBatch } from '../sources/cloudtrail-files.ts';
import type { DecodeOptions, RejectReason } from '../sources/decode/decode-file.ts';
import type { CloudTrailIngestPlan } from './ingest-plan.ts';
import { premaskNormalizer } from './premask.ts';
import { tapFiles, type FileDone } from './progress-tap.ts';
import { recordFilter } from './record-filter.ts';

/** What the CloudTrail ingest steps write into and call back. */
export interface IngestDeps {
  catalog: Catalog;
  store: FactStore;
  tally: IngestTally;
  filter: RecordFilter;
  /** The plan's normalizers, applied to every observation before it is aggregated. */
  normalize?: ObservationNormalizer;
  /** Called for each file problem as it happens (the CLI prints it to stderr). */
  onProblem?: (file: string, reason: string) => void;
  /** Learns function -> role pairs from the records' role sessions (for trace evidence). */
  learned?: LearnedFunctionRoles;
}

/** Where an ingest's results go (each thread has its own). */
export interface IngestSinks {
  store: FactStore;
  tally: IngestTally;
  learned?: LearnedFunctionRoles;
  onProblem?: (file: string, reason: string) => void;
  /** Each file once fully read (for the progress line). */
  onFileDone?: (done: FileDone) => void;
}

/** How files are opened beyond local paths (this thread only: workers read local files). */
export interface FileAccess {
  readStdin?: () => Promise<Uint8Array>;
  readS3?: (url: string, decode: DecodeOptions) => AsyncIterable<FileBatch>;
}

/** The plan's record filter and normalizers, bound to a catalog and sinks. */
export function cloudTrailIngest(
  plan: CloudTrailIngestPlan,
  catalog: Catalog,
  sinks: IngestSinks,
): IngestDeps {
  const { premask } = plan.normalizers;
  return {
    catalog,
    store: sinks.store,
    tally: sinks.tally,
    filter: recordFilter(plan.selection),
    ...(premask ? { normalize: premaskNormalizer(catalog, premask) } : {}),
    ...(sinks.onProblem ? { onProblem: sinks.onProblem } : {}),
    ...(sinks.learned ? { learned: sinks.learned } : {}),
  };
}

/** How the plan has files decoded: its limits and, when on, the raw-text role pre-filter. */
export function decodeOptions(plan: CloudTrailIngestPlan): DecodeOptions {
  const accept = plan.selection.rawTextPreFilter ? roleTextFilter(plan.selection.roles) : undefined;
  return {
    maxRecordBytes: plan.limits.maxRecordBytes,
    maxFileBytes: plan.limits.maxFileBytes,
    ...(accept ? { accept: (text: string) => accept.test(text) } : {}),
  };
}

/**
 * The one CloudTrail file ingest, called in this thread (app/evidence.ts) and in each worker
 * (app/ingest-worker.ts): reads the files as the plan says into the sinks.
 */
export async function ingestCloudTrailFiles(
  plan: CloudTrailIngestPlan,
  files: readonly string[],
  catalog: Catalog,
  sinks: IngestSinks,
  access: FileAccess = {},
): Promise<void> {
  const decode = decodeOptions(plan);
  const readS3 = access.readS3;
  const batches = readCloudTrailFiles(files, {
    window: plan.selection.window,
    decode,
    ...(access.readStdin ? { readStdin: access.readStdin } : {}),
    ...(readS3 ? { readS3: (url: string) => readS3(url, decode) } : {}),
  });
  const tapped = sinks.onFileDone ? tapFiles(batches, sinks.onFileDone) : batches;
  await ingestCloudTrailBatches(tapped, cloudTrailIngest(plan, catalog, sinks));
}

/** What a decoder's rejected entry counts as. */
const REJECTED_AS: Record<RejectReason, { reason: SkipReason; detail?: string }> = {
  malformed: { reason: 'malformed-record' },
  'too-large': { reason: 'record-too-large' },
  'not-accepted': { reason: 'role-not-selected', detail: 'role name not in the record (pre-filter)' },
};

/** Feeds file batches through the CloudTrail parser into the fact store, counting everything. */
export async function ingestCloudTrailBatches(
  batches: AsyncIterable<FileBatch>,
  deps: IngestDeps,
): Promise<void> {
  for await (const batch of batches) {
    if (batch.kind === 'skipped-file') continue;
    if (!batch.continued) deps.tally.file();
    if (batch.problem) report(deps, batch.file, batch.problem);
    if (batch.warning) report(deps, batch.file, batch.warning);
    for (const r of batch.rejected) {
      const as = REJECTED_AS[r.reason];
      deps.tally.record(skipped(as.reason, as.detail ?? r.detail), `${batch.file}#${r.index}`);
    }
    await deps.catalog.ensure(servicePrefixes(batch.records));
    const { records, indexes } = batch;
    for (let i = 0; i < records.length; i++) ingestRecord(records[i], batch.file, indexes[i]!, deps);
  }
}

function ingestRecord(value: unknown, file: string, index: number, deps: IngestDeps): void {
  const result = parseCloudTrailRecord(value, deps.catalog, { file, record: index }, deps.filter);
  if (deps.learned && teachesFunctionRole(result, value)) deps.learned.learn(value);
  deps.tally.record(result, `${file}#${index}`);
  if (result.kind !== 'observations') return;
  const normalize = deps.normalize;
  for (const o of result.observations) deps.store.add(normalize ? normalize(o) : o);
}

/** The IAM prefixes a batch's records need loaded in the catalog, each once. */
function servicePrefixes(records: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  for (const value of records) {
    const prefix = recordServicePrefix(value);
    if (prefix !== undefined) out.add(prefix);
  }
  return out;
}

function report(deps: IngestDeps, file: string, reason: string): void {
  deps.tally.problem({ file, reason });
  deps.onProblem?.(file, reason);
}
