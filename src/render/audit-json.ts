import type { AuditResult } from '../audit/result.ts';
import { safeJson } from './json.ts';

/** The ranking rule, as every format states it (docs/audit.md explains it). */
export const AUDIT_RULE =
  'score = exposure weight (public 4, external 3, internal 2, none 1) x unused-privilege weight (each granted, unused action: List/Read/Tagging 1, Write 2, Permissions management 4, doubled on "*"; +25 per unused escalation-capable grant)';

/** The audit as JSON (schemas/audit.schema.json): the ranking first, then what could not be audited. */
export function renderAuditJson(result: AuditResult): string {
  const { model } = result;
  return `${safeJson({
    schemaVersion: 1,
    rule: AUDIT_RULE,
    window: result.window,
    roles: model.entries.map((e) => ({
      rank: e.rank,
      role: e.role,
      score: e.score,
      exposure: e.exposure,
      functions: e.functions.map((f) => ({
        function: f.function,
        functionArn: f.functionArn,
        exposure: f.level,
        paths: f.paths,
      })),
      calls: e.calls,
      granted: e.privilege.granted,
      used: e.privilege.used,
      unused: e.privilege.unused,
      usedNotGranted: e.privilege.usedNotGranted,
      broad: e.privilege.broad,
      escalation: e.privilege.escalation,
      unusedWeight: e.privilege.unusedWeight,
      incomplete: e.incomplete,
      fix: e.fix,
    })),
    unusedFunctions: model.unusedFunctions,
    unknownRoles: model.unknownRoles,
    functionsWithoutRole: model.functionsWithoutRole,
    problems: result.problems,
    ingest: {
      files: result.ingest.files,
      records: result.ingest.records,
      observations: result.ingest.observations,
    },
  })}\n`;
}
