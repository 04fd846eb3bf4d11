import { escapeForTerminal } from '../render/terminal.ts';
import type { RunReport } from '../app/run-report.ts';
import type { ReduceResult } from '../reduce/reduce.ts';
import type { SplitPart } from '../reduce/limits.ts';
import { warn, type CliIo } from './io.ts';

/** One stderr line that accounts for every record: used + skipped + unmapped = records. `unit`: what was read (files, LookupEvents pages). */
export function printIngestSummary(
  io: CliIo,
  ingest: RunReport['ingest'],
  roles: number,
  unit = 'file(s)',
): void {
  const skipped = ingest.skipped.reduce((n, s) => n + s.count, 0);
  const unmapped = ingest.unmapped.reduce((n, u) => n + u.count, 0);
  const unresolved = ingest.unresolvedResources.reduce((n, u) => n + u.count, 0);
  warn(
    io,
    `${ingest.files} ${unit}, ${ingest.records} record(s): ${ingest.used} used, ${skipped} skipped, ${unmapped} unmapped` +
      `; ${roles} role(s)` +
      (unresolved > 0
        ? `; ${unresolved} call(s) on "*" because the resource could not be resolved (see --report)`
        : '') +
      (ingest.outcomes.failed > 0 ? `; ${ingest.outcomes.failed} call(s) failed after authorization` : '') +
      (ingest.outcomes.unknown > 0
        ? `; ${ingest.outcomes.unknown} call(s) ended in an error that does not show IAM allowed them (throttling, 5xx, unknown codes): not granted (see --report errors)`
        : ''),
  );
}

/** `--explain`: per statement, the calls behind it and what the reducer did. */
export function printExplain(io: CliIo, results: readonly (ReduceResult & { parts?: SplitPart[] })[]): void {
  for (const r of results) {
    io.stderr(`\n${escapeForTerminal(r.principal)}\n`);
    // A split role's statements are spread over managed policies: say which went where.
    r.parts?.forEach((part, i) =>
      warn(io, `  managed policy ${i + 1} of ${r.parts!.length}: ${part.sids.join(', ')}`),
    );
    for (const e of r.explain) {
      warn(io, `  ${e.sid}: ${e.calls} call(s) ${e.firstSeen} .. ${e.lastSeen} [${e.sources.join(', ')}]`);
      for (const a of e.actions)
        warn(
          io,
          `    ${a.action}: ${a.calls}${a.authorizedFailures > 0 ? ` (${a.authorizedFailures} failed after authorization)` : ''}${inferredNote(a)}`,
        );
      for (const g of e.generalizations)
        warn(
          io,
          `    generalized ${g.of === 'calls' ? `the ARNs of ${g.replaced} call(s)` : `${g.replaced} distinct value(s)`} to ${g.pattern}: ${g.why}`,
        );
      for (const c of e.conditions)
        warn(
          io,
          `    condition ${c.operator} ${c.key} = ${c.values.join(', ')}: ${c.evidence} (${c.calls} call(s))`,
        );
    }
  }
}

/** Why an action with no (or not only) calls behind it is in the policy. */
function inferredNote(a: { inferred: boolean; baseline?: string[] }): string {
  if (a.baseline)
    return ` (${a.inferred ? 'inferred' : 'also inferred'}: platform baseline ${a.baseline.join(', ')})`;
  return a.inferred ? ' (inferred)' : '';
}
