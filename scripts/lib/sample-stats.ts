/** Counts printed by make-samples.ts, for samples/README.md: who called what, and how it went. */

type CloudTrailRecord = Record<string, unknown>;

function field(value: unknown, ...path: string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The role name for a role session, else the identity type (IAMUser, AWSService). */
function principal(r: CloudTrailRecord): string {
  const issuer = field(r, 'userIdentity', 'sessionContext', 'sessionIssuer', 'userName');
  return typeof issuer === 'string' ? issuer : String(field(r, 'userIdentity', 'type'));
}

function outcome(r: CloudTrailRecord): string {
  return typeof r['errorCode'] === 'string' ? r['errorCode'] : 'ok';
}

function tally(records: CloudTrailRecord[], key: (r: CloudTrailRecord) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Lines of text: totals, then counts by principal/service/outcome and by principal/event/outcome. */
export function sampleStats(records: CloudTrailRecord[], fileRegions: string[]): string[] {
  const service = (r: CloudTrailRecord) => String(r['eventSource']).replace('.amazonaws.com', '');
  const perRegion = tally(
    fileRegions.map((region) => ({ region })),
    (f) => String(f['region']),
  );
  const lines = [
    `${records.length} records in ${fileRegions.length} files (${perRegion.map(([k, v]) => `${k}: ${v}`).join(', ')})`,
  ];
  const section = (title: string, key: (r: CloudTrailRecord) => string) => {
    lines.push('', title);
    for (const [k, v] of tally(records, key)) lines.push(`${String(v).padStart(6)}  ${k}`);
  };
  section('by principal, service, outcome:', (r) => `${principal(r)} ${service(r)} ${outcome(r)}`);
  section(
    'by principal, event, outcome:',
    (r) => `${principal(r)} ${service(r)}:${String(r['eventName'])} ${outcome(r)}`,
  );
  section('by outcome:', outcome);
  return lines;
}
