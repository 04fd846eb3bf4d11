/**
 * Resource coverage: per service and action, over samples/, ../shared/corpora (when present) and the
 * benchmark corpus, how many calls got exact ARNs, how many need none (the action has no resource
 * type), how many stayed unresolved (granted on "*") and why, and how many were rejected as malformed.
 * Usage: node --import tsx scripts/resource-coverage.ts [--bench-events N] [--write docs/coverage.md]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { ensureCorpus } from '../bench/corpus.ts';
import { Catalog } from '../src/catalog/catalog.ts';
import { iamDataSource } from '../src/catalog/iam-data-source.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../src/ingest/record-result.ts';
import { CORPORA, corpusCloudTrailRecords, type CorpusRecord } from './lib/corpus-records.ts';
import { coverageMarkdown, emptyRow, type CoverageRow } from './lib/coverage-markdown.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const benchEvents = Number(option('--bench-events') ?? 20_000);
const out = option('--write');

const SAMPLES = new URL('../samples/cloudtrail/', import.meta.url).pathname;
const bench = await ensureCorpus(benchEvents, 1);
const corpora: { name: string; records: CorpusRecord[] }[] = [
  { name: 'samples', records: corpusCloudTrailRecords(SAMPLES) },
  ...(existsSync(CORPORA) ? [{ name: 'shared corpora', records: corpusCloudTrailRecords(CORPORA) }] : []),
  { name: `benchmark corpus (${benchEvents} events)`, records: corpusCloudTrailRecords(bench.dir) },
];

const catalog = new Catalog(iamDataSource());
const tables = [];
for (const corpus of corpora) {
  await catalog.ensure(corpus.records.flatMap((r) => recordServicePrefix(r.record) ?? []));
  tables.push({ name: corpus.name, records: corpus.records.length, rows: coverage(corpus.records) });
}
const markdown = coverageMarkdown(tables, catalog.version);
if (out) writeFileSync(out, markdown);
else process.stdout.write(markdown);

/** Coverage is about resolution, so identity filters are off: every API call counts as a role's. */
function coverage(records: readonly CorpusRecord[]): Map<string, CoverageRow> {
  const rows = new Map<string, CoverageRow>();
  const row = (action: string) => {
    let r = rows.get(action);
    if (!r) rows.set(action, (r = emptyRow()));
    return r;
  };
  for (const { file, index, record } of records) {
    const result = parseCloudTrailRecord(asRoleCall(record), catalog, { file, record: index }, NO_FILTER);
    if (result.kind === 'skipped' && result.reason === 'malformed-resource') {
      const [action = '?', ...why] = result.detail.split(': ');
      const r = row(action.includes(' ') ? `(${action})` : action);
      r.calls++;
      r.malformed.set(why.join(': '), (r.malformed.get(why.join(': ')) ?? 0) + 1);
    }
    if (result.kind !== 'observations') continue;
    const unresolved = new Map(result.unresolved.map((u) => [u.action, u.reason]));
    for (const o of result.observations) {
      if (o.inferred) continue;
      const r = row(o.action);
      r.calls++;
      if (o.resources !== '*') r.resolved++;
      else if (!unresolved.has(o.action)) r.noResourceType++;
      else {
        const reason = unresolved.get(o.action)!;
        r.unresolved.set(reason, (r.unresolved.get(reason) ?? 0) + 1);
      }
    }
  }
  return rows;
}

function asRoleCall(record: Record<string, unknown>): Record<string, unknown> {
  const identity = record['userIdentity'];
  const account =
    typeof identity === 'object' && identity !== null
      ? (identity as Record<string, unknown>)['accountId']
      : undefined;
  return {
    ...record,
    userIdentity: {
      type: 'AssumedRole',
      ...(typeof account === 'string' ? { accountId: account } : {}),
      sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/coverage' } },
    },
  };
}
