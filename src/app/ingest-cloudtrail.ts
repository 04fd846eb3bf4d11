import type { Catalog } from '../catalog/catalog.ts';
import type { FactStore } from '../facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../ingest/cloudtrail-record.ts';
import { skipped, type RecordFilter } from '../ingest/record-result.ts';
import type { IngestTally } from '../ingest/tally.ts';
import type { FileBatch } from '../sources/cloudtrail-files.ts';
import { teachesFunctionRole, type LearnedFunctionRoles } from '../ingest/function-roles.ts';

/** Limits that keep a crafted corpus from exhausting memory or time. */
export interface IngestLimits {
  /** Longest record (JSON characters) parsed; longer ones are skipped as record-too-large. */
  maxRecordBytes: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = { maxRecordBytes: 1024 * 1024 };

export interface IngestDeps {
  catalog: Catalog;
  store: FactStore;
  tally: IngestTally;
  filter: RecordFilter;
  limits?: IngestLimits;
  /** Called for each file problem as it happens (the CLI prints it to stderr). */
  onProblem?: (file: string, reason: string) => void;
  /** Learns function -> role pairs from the records' role sessions (for trace evidence). */
  learned?: LearnedFunctionRoles;
}

/** Feeds file batches through the CloudTrail parser into the fact store, counting everything. */
export async function ingestCloudTrailBatches(
  batches: AsyncIterable<FileBatch>,
  deps: IngestDeps,
): Promise<void> {
  const limits = deps.limits ?? DEFAULT_INGEST_LIMITS;
  for await (const batch of batches) {
    if (batch.kind === 'skipped-file') continue;
    if (!batch.continued) deps.tally.file();
    if (batch.problem) report(deps, batch.file, batch.problem);
    if (batch.warning) report(deps, batch.file, batch.warning);
    const offset = batch.offset ?? 0;
    for (const bad of batch.bad) {
      deps.tally.badRecord('malformed-record', `${batch.file}#${offset + bad.index}: ${bad.reason}`);
    }
    const parsed = parseTexts(batch, offset, limits, deps);
    await deps.catalog.ensure(servicePrefixes(batch.records, parsed));
    batch.records.forEach((value, i) => ingestRecord(value, batch.file, offset + i, deps));
    for (const { value, index } of parsed) ingestRecord(value, batch.file, index, deps);
  }
}

function ingestRecord(value: unknown, file: string, index: number, deps: IngestDeps): void {
  const result = parseCloudTrailRecord(value, deps.catalog, { file, record: index }, deps.filter);
  if (deps.learned && teachesFunctionRole(result, value)) deps.learned.learn(value);
  deps.tally.record(result, `${file}#${index}`);
  if (result.kind === 'observations') for (const o of result.observations) deps.store.add(o);
}

/** The IAM prefixes a batch's records need loaded in the catalog, each once. */
function servicePrefixes(records: readonly unknown[], parsed: readonly IndexedRecord[]): Set<string> {
  const out = new Set<string>();
  const add = (value: unknown) => {
    const prefix = recordServicePrefix(value);
    if (prefix !== undefined) out.add(prefix);
  };
  records.forEach(add);
  parsed.forEach((r) => add(r.value));
  return out;
}

interface IndexedRecord {
  value: unknown;
  index: number;
}

/** Record texts -> values; too large, filtered out by the raw-text pre-filter, or unparsable are counted. */
function parseTexts(
  batch: Extract<FileBatch, { kind: 'file' }>,
  offset: number,
  limits: IngestLimits,
  deps: IngestDeps,
): IndexedRecord[] {
  const out: IndexedRecord[] = [];
  const start = offset + batch.records.length;
  (batch.texts ?? []).forEach((text, i) => {
    const index = start + i;
    const where = `${batch.file}#${index}`;
    const length = typeof text === 'string' ? text.length : text.tooLarge;
    if (typeof text !== 'string' || length > limits.maxRecordBytes) {
      deps.tally.badRecord(
        'record-too-large',
        `${where}: ${length} characters (limit ${limits.maxRecordBytes})`,
      );
      return;
    }
    // Cheap pre-filter: a record whose raw text cannot name a selected role is not parsed at all.
    if (deps.filter.rawText && !deps.filter.rawText.test(text)) {
      deps.tally.record(skipped('role-not-selected', 'role name not in the record (pre-filter)'), where);
      return;
    }
    try {
      out.push({ value: JSON.parse(text) as unknown, index });
    } catch (error) {
      deps.tally.badRecord('malformed-record', `${where}: ${(error as Error).message}`);
    }
  });
  return out;
}

function report(deps: IngestDeps, file: string, reason: string): void {
  deps.tally.problem({ file, reason });
  deps.onProblem?.(file, reason);
}
