import type { Catalog } from '../catalog/catalog.ts';
import { FactStore } from '../facts/fact-store.ts';
import { roleSelector } from '../ingest/principal.ts';
import type { RecordFilter } from '../ingest/record-result.ts';
import { IngestTally } from '../ingest/tally.ts';
import { readCloudTrailFiles } from '../sources/cloudtrail-files.ts';
import { expandPaths } from '../sources/expand-paths.ts';
import { collectAwsEvidence, s3PathReader, type AwsEvidenceOptions } from './aws-evidence.ts';
import { ingestCloudTrailBatches } from './ingest-cloudtrail.ts';
import { ingestInParallel } from './parallel-ingest.ts';

/** What every evidence-reading command takes. */
export interface EvidenceOptions {
  cloudtrail: readonly string[];
  roles: readonly string[];
  since?: string;
  until?: string;
  /** Live AWS sources (s3:// paths, LookupEvents, CloudTrail Lake, Athena) and how to reach AWS. */
  aws?: AwsEvidenceOptions;
}

export interface EvidenceDeps {
  catalog: Catalog;
  /** Worker threads for local CloudTrail files (1 = this thread). */
  jobs?: number;
  readStdin?: () => Promise<Uint8Array>;
  onProblem?: (file: string, reason: string) => void;
  maxFacts?: number;
}

export interface Evidence {
  store: FactStore;
  tally: IngestTally;
}

/** Reads every evidence source named in the options into one fact store. */
export async function collectEvidence(options: EvidenceOptions, deps: EvidenceDeps): Promise<Evidence> {
  const store = new FactStore(deps.maxFacts);
  const tally = new IngestTally();
  const filter: RecordFilter = {
    selectRole: roleSelector(options.roles),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
  if (options.aws) {
    const ingest = {
      catalog: deps.catalog,
      store,
      tally,
      filter,
      ...(deps.onProblem ? { onProblem: deps.onProblem } : {}),
    };
    await collectAwsEvidence({ ...options, aws: options.aws }, ingest);
  }
  const files = await expandPaths(options.cloudtrail);
  const local = files.filter((f) => f !== '-' && !f.startsWith('s3://'));
  if ((deps.jobs ?? 1) > 1 && local.length > 1 && local.length === files.length) {
    await ingestInParallel(
      files,
      { roles: options.roles, ...window(options), ...(deps.maxFacts ? { maxFacts: deps.maxFacts } : {}) },
      deps.jobs ?? 1,
      { store, tally, ...(deps.onProblem ? { onProblem: deps.onProblem } : {}) },
    );
    // Workers loaded their own catalogs; the reducer here needs the services the facts name.
    await deps.catalog.ensure([...new Set([...store].map((f) => f.action.slice(0, f.action.indexOf(':'))))]);
    return { store, tally };
  }
  const batches = readCloudTrailFiles(files, {
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
    ...(deps.readStdin ? { readStdin: deps.readStdin } : {}),
    ...(options.aws ? { readS3: s3PathReader({ ...options, aws: options.aws }) } : {}),
  });
  await ingestCloudTrailBatches(batches, {
    catalog: deps.catalog,
    store,
    tally,
    filter,
    ...(deps.onProblem ? { onProblem: deps.onProblem } : {}),
  });
  return { store, tally };
}

function window(options: EvidenceOptions): { since?: string; until?: string } {
  return {
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
}
