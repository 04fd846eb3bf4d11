import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseCloudTrailRecord, recordServicePrefix } from '../../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../../src/ingest/record-result.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';

interface ExpectedObservation {
  action: string;
  resources: string[] | '*';
  context?: Record<string, string>;
  outcome?: string;
  principal?: string;
}
interface Case {
  name: string;
  record: Record<string, unknown>;
  expect?: ExpectedObservation[];
  unresolved?: string[];
  skip?: string;
  unmapped?: boolean;
}

for (const file of ['cloudtrail-mapping.json', 'resource-resolution.json']) {
  const table = JSON.parse(readFileSync(new URL(`../../cases/${file}`, import.meta.url), 'utf8')) as {
    cases: Case[];
  };
  describe(`CloudTrail record -> observations (test/cases/${file})`, () => walk(table.cases));
}

function walk(cases: readonly Case[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const record = cloudTrailRecord(c.record);
      const prefix = recordServicePrefix(record);
      const catalog = await realCatalog(...(prefix ? [prefix] : []));
      const result = parseCloudTrailRecord(record, catalog, { file: 'case', record: 0 }, NO_FILTER);
      if (c.skip) {
        expect(result).to.include({ kind: 'skipped', reason: c.skip });
        return;
      }
      if (c.unmapped) {
        expect(result.kind).to.equal('unmapped');
        return;
      }
      if (result.kind !== 'observations') expect.fail(`expected observations, got ${JSON.stringify(result)}`);
      // Each expectation that states a context is compared on the keys it states.
      const got = result.observations.map((o, i) => ({
        action: o.action,
        resources: o.resources,
        ...(c.expect?.[i]?.context ? { context: pick(o.context, Object.keys(c.expect[i].context)) } : {}),
        ...(c.expect?.some((e) => e.outcome) ? { outcome: o.outcome } : {}),
        ...(c.expect?.some((e) => e.principal) ? { principal: o.principal } : {}),
      }));
      expect(got).to.deep.equal(c.expect);
      expect(result.unresolved.map((u) => u.action)).to.deep.equal(c.unresolved ?? []);
    });
  }
}

function pick(obj: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]!]));
}
