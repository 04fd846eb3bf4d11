import { roleSelector, roleTextFilter } from '../ingest/principal.ts';
import type { RecordFilter } from '../ingest/record-result.ts';

/**
 * Record selection: roles (with a raw-text pre-filter, unless `preFilter` is false: traces need every
 * CloudTrail session to learn which role a traced function runs as) and the time window.
 */
export function recordFilter(options: {
  roles: readonly string[];
  since?: string;
  until?: string;
  preFilter?: boolean;
}): RecordFilter {
  const rawText = options.preFilter === false ? undefined : roleTextFilter(options.roles);
  return {
    selectRole: roleSelector(options.roles),
    ...(rawText ? { rawText } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
}
