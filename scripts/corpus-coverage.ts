/**
 * Mapping coverage over ../shared/corpora: how many CloudTrail records map to IAM actions, how many are
 * unmapped, and where resources could not be resolved, by eventSource.
 * Usage: node --import tsx scripts/corpus-coverage.ts [--json]
 */
import { existsSync } from 'node:fs';
import { Catalog } from '../src/catalog/catalog.ts';
import { iamDataSource } from '../src/catalog/iam-data-source.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../src/ingest/record-result.ts';
import { CORPORA, corpusCloudTrailRecords } from './lib/corpus-records.ts';

interface Row {
  records: number;
  mapped: number;
  unmapped: number;
  skipped: number;
  observations: number;
  unresolved: number;
}

if (!existsSync(CORPORA)) {
  console.error(`no corpora at ${CORPORA}`);
  process.exit(1);
}
const catalog = new Catalog(iamDataSource());
const records = corpusCloudTrailRecords();
await catalog.ensure(records.flatMap((r) => recordServicePrefix(r.record) ?? []));
const rows = new Map<string, Row>();
const unmappedNames = new Map<string, number>();
const skipReasons = new Map<string, number>();
// Coverage is about mapping, so identity and error filters are off: every API call is mapped.
for (const { file, index, record } of records) {
  const source = String(record['eventSource']);
  const row = rows.get(source) ?? {
    records: 0,
    mapped: 0,
    unmapped: 0,
    skipped: 0,
    observations: 0,
    unresolved: 0,
  };
  row.records++;
  const forMapping = { ...record, userIdentity: anyRoleIdentity(record['userIdentity']) };
  const result = parseCloudTrailRecord(forMapping, catalog, { file, record: index }, NO_FILTER);
  if (result.kind === 'observations') {
    row.mapped++;
    row.observations += result.observations.length;
    row.unresolved += result.unresolved.length;
  } else if (result.kind === 'unmapped') {
    row.unmapped++;
    const key = `${source} ${String(record['eventName'])}`;
    unmappedNames.set(key, (unmappedNames.get(key) ?? 0) + 1);
  } else {
    row.skipped++;
    skipReasons.set(result.reason, (skipReasons.get(result.reason) ?? 0) + 1);
  }
  rows.set(source, row);
}
const total = [...rows.values()].reduce(
  (t, r) => ({
    records: t.records + r.records,
    mapped: t.mapped + r.mapped,
    unmapped: t.unmapped + r.unmapped,
    skipped: t.skipped + r.skipped,
    observations: t.observations + r.observations,
    unresolved: t.unresolved + r.unresolved,
  }),
  { records: 0, mapped: 0, unmapped: 0, skipped: 0, observations: 0, unresolved: 0 },
);
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        total,
        bySource: Object.fromEntries(rows),
        unmapped: Object.fromEntries(unmappedNames),
        skipReasons: Object.fromEntries(skipReasons),
      },
      null,
      2,
    ),
  );
} else {
  console.log(
    `records ${total.records}: mapped ${total.mapped}, unmapped ${total.unmapped}, skipped ${total.skipped} (${JSON.stringify(Object.fromEntries(skipReasons))})`,
  );
  console.log(`observations ${total.observations}, unresolved resources ${total.unresolved}`);
  console.log('\neventSource                                  records mapped unmapped skipped unresolved');
  for (const [source, r] of [...rows.entries()].sort()) {
    console.log(
      `${source.padEnd(44)} ${String(r.records).padStart(7)} ${String(r.mapped).padStart(6)} ${String(r.unmapped).padStart(8)} ${String(r.skipped).padStart(7)} ${String(r.unresolved).padStart(10)}`,
    );
  }
  console.log('\nunmapped event names:');
  for (const [name, n] of [...unmappedNames.entries()].sort())
    console.log(`  ${n.toString().padStart(4)} ${name}`);
}

function anyRoleIdentity(original: unknown) {
  const account =
    typeof original === 'object' && original !== null
      ? (original as Record<string, unknown>)['accountId']
      : undefined;
  return {
    type: 'AssumedRole',
    // The record's own account is kept: without it no ARN of the account could be built.
    ...(typeof account === 'string' ? { accountId: account } : {}),
    sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/coverage' } },
  };
}
