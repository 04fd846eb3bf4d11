import { roleSelector, roleTextFilter } from '../ingest/principal.ts';
import type { RecordFilter } from '../ingest/record-result.ts';

/** Record selection: roles (with a raw-text pre-filter) and the time window. */
export function recordFilter(options: {
  roles: readonly string[];
  since?: string;
  until?: string;
}): RecordFilter {
  const rawText = roleTextFilter(options.roles);
  return {
    selectRole: roleSelector(options.roles),
    ...(rawText ? { rawText } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
}
