import type { AthenaTarget } from '../aws/athena.ts';
import type { AwsClientOptions } from '../aws/clients.ts';
import type { LookupAttribute } from '../aws/lookup-attributes.ts';
import type { AthenaPartitions } from '../sources/grouped-query.ts';
import type { TransferProgress } from '../sources/progress.ts';
import type { TimeWindow } from '../model/time-window.ts';

// Apart from aws-evidence.ts so that commands reading only local files never load the AWS SDK.

/** Live AWS evidence: which APIs to read and how to reach them. Absent parts are not read. */
export interface AwsEvidenceOptions {
  client: AwsClientOptions;
  /** Narrow every AWS source to these accounts / regions (empty = all). */
  accounts: readonly string[];
  regions: readonly string[];
  /** Where S3 objects are cached by ETag; undefined = no cache. */
  cacheDir?: string;
  /** S3 downloads in flight. Default 8. */
  concurrency?: number;
  lookup?: { attribute?: LookupAttribute };
  lake?: { eventDataStore: string };
  athena?: { table: string; target: AthenaTarget; partitions?: AthenaPartitions };
  /** How the CLI hears about progress, warnings and started queries (all optional). */
  hooks?: AwsHooks;
}

export interface AwsHooks {
  warning?: (message: string) => void;
  progress?: (progress: TransferProgress) => void;
  now?: () => Date;
}

/** What the AWS readers need from the evidence request. */
export interface AwsEvidenceRequest {
  aws: AwsEvidenceOptions;
  roles: readonly string[];
  window: TimeWindow;
}

/** True when the options name an API source (LookupEvents, Lake or Athena), not only s3:// paths. */
export function hasAwsApiSource(aws: AwsEvidenceOptions | undefined): boolean {
  return (
    aws !== undefined && (aws.lookup !== undefined || aws.lake !== undefined || aws.athena !== undefined)
  );
}
