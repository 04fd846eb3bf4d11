import type { Catalog } from '../catalog/catalog.ts';
import type { FactStore } from '../facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../ingest/cloudtrail-record.ts';
import type { RecordFilter } from '../ingest/record-result.ts';
import type { IngestTally } from '../ingest/tally.ts';
import type { FileBatch } from '../sources/cloudtrail-files.ts';

export interface IngestDeps {
  catalog: Catalog;
  store: FactStore;
  tally: IngestTally;
  filter: RecordFilter;
  /** Called for each file problem as it happens (the CLI prints it to stderr). */
  onProblem?: (file: string, reason: string) => void;
}

/** Feeds file batches through the CloudTrail parser into the fact store, counting everything. */
export async function ingestCloudTrailBatches(
  batches: AsyncIterable<FileBatch>,
  deps: IngestDeps,
): Promise<void> {
  for await (const batch of batches) {
    if (batch.kind === 'skipped-file') continue;
    deps.tally.file();
    if (batch.problem) report(deps, batch.file, batch.problem);
    if (batch.warning) report(deps, batch.file, batch.warning);
    for (const bad of batch.bad) {
      deps.tally.badRecord('malformed-record', `${batch.file}#${bad.index}: ${bad.reason}`);
    }
    await deps.catalog.ensure(batch.records.flatMap((r) => recordServicePrefix(r) ?? []));
    batch.records.forEach((record, index) => {
      const origin = { file: batch.file, record: index };
      const result = parseCloudTrailRecord(record, deps.catalog, origin, deps.filter);
      deps.tally.record(result, `${batch.file}#${index}`);
      if (result.kind === 'observations') for (const o of result.observations) deps.store.add(o);
    });
  }
}

function report(deps: IngestDeps, file: string, reason: string): void {
  deps.tally.problem({ file, reason });
  deps.onProblem?.(file, reason);
}
