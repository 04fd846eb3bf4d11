import type { IngestTally } from '../ingest/tally.ts';
import type { AuditModel } from './rank.ts';

/** What `audit` returns and every audit renderer takes. */
export interface AuditResult {
  model: AuditModel;
  /** IAM and Lambda input problems, each naming its input. */
  problems: string[];
  ingest: ReturnType<IngestTally['toReport']>;
  window: { since?: string; until?: string; first?: string; last?: string };
}
