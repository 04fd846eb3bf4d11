import { roleSelector } from '../ingest/principal.ts';
import type { RecordFilter } from '../ingest/record-result.ts';
import type { CloudTrailIngestPlan } from './ingest-plan.ts';

/** Record selection after parsing: the roles and the time window (the raw-text pre-filter runs in the decoder). */
export function recordFilter(
  selection: Pick<CloudTrailIngestPlan['selection'], 'roles' | 'window'>,
): RecordFilter {
  return { selectRole: roleSelector(selection.roles), window: selection.window };
}
