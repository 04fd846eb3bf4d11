import type { RoleDiff } from '../diff/types.ts';
import { orderedPolicy, safeJson } from './json.ts';

/** The version of the JSON output's shape (`schemas/diff.schema.json`); bumped on breaking changes. */
export const DIFF_SCHEMA_VERSION = 2;

/**
 * The diff as JSON, documented in docs/diff.md and validated by schemas/diff.schema.json. Keys in a
 * fixed order, lists sorted, 2-space indent, bidi and C1 characters escaped; policies in the AWS shape.
 */
export function renderDiffJson(diff: RoleDiff): string {
  const out = {
    schemaVersion: DIFF_SCHEMA_VERSION,
    role: diff.role,
    changed: diff.changed,
    current: diff.current,
    summary: diff.summary,
    used: diff.used,
    unused: diff.unused,
    narrowing: diff.narrowing,
    notGranted: diff.notGranted,
    notVisible: diff.notVisible,
    keptNotVisible: diff.keptNotVisible,
    dataEvents: diff.dataEvents,
    inferred: diff.inferred,
    proposed: diff.proposed.map(orderedPolicy),
  };
  return `${safeJson(out)}\n`;
}
