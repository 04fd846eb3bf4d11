import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { catalogSplitter } from '../../src/catalog/resource-split.ts';
import { FactStore } from '../../src/facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../src/ingest/record-result.ts';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { DEFAULT_REDUCE_OPTIONS, selectsFact } from '../../src/reduce/options.ts';
import { reducePrincipal } from '../../src/reduce/reduce.ts';
import { catalogMisfits } from '../../src/reduce/verify-catalog.ts';
import { CORPORA, corpusCloudTrailRecords } from '../../scripts/lib/corpus-records.ts';
import { realCatalog } from '../support/catalog.ts';
import { grantedObservations, expectSound } from '../support/soundness.ts';

// The shared corpora sit beside the repo on developer machines and in CI; the product never reads them.
const present = existsSync(CORPORA);

(present ? describe : describe.skip)(
  'e2e: soundness over ../shared/corpora (real CloudTrail records)',
  () => {
    it('allows every successful or failed-after-authorization call and no unobserved action, for every role in every corpus; every policy fits the catalog', async () => {
      const catalog = await realCatalog();
      const records = corpusCloudTrailRecords().map((r) => r.record);
      expect(records.length).to.be.greaterThan(900);
      await catalog.ensure(records.flatMap((r) => recordServicePrefix(r) ?? []));
      const store = new FactStore();
      for (const [i, record] of records.entries()) {
        const result = parseCloudTrailRecord(record, catalog, { record: i }, NO_FILTER);
        if (result.kind === 'observations') result.observations.forEach((o) => store.add(o));
      }
      const facts = store.facts();
      const principals = [
        ...new Set(facts.filter((f) => selectsFact(DEFAULT_REDUCE_OPTIONS, f)).map((f) => f.principal)),
      ].sort();
      expect(principals.length).to.be.greaterThan(20);
      const split = catalogSplitter(catalog, 'safe');
      const policies = new Map<string, PolicyDocument>(
        principals.map((p) => [p, reducePrincipal(p, facts, DEFAULT_REDUCE_OPTIONS, split).policy]),
      );
      const observations = await grantedObservations(catalog, records);
      expectSound(policies, observations);
      await catalog.ensure(facts.map((f) => f.action.split(':')[0]!));
      for (const policy of policies.values()) expect(catalogMisfits(policy, catalog)).to.deep.equal([]);
      // Authorized failures are in the corpora (NoSuchEntity, ConditionalCheckFailedException, ...).
      expect(observations.filter((o) => o.outcome === 'failed').length).to.be.greaterThan(0);
    });

    it('maps at least 95% of the API calls it can attribute to a role', async () => {
      const catalog = await realCatalog();
      const records = corpusCloudTrailRecords().map((r) => r.record);
      await catalog.ensure(records.flatMap((r) => recordServicePrefix(r) ?? []));
      let mapped = 0;
      let unmapped = 0;
      for (const record of records) {
        const withRole = {
          ...record,
          userIdentity: {
            type: 'AssumedRole',
            sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/r' } },
          },
        };
        const result = parseCloudTrailRecord(withRole, catalog, {}, NO_FILTER);
        if (result.kind === 'observations') mapped++;
        if (result.kind === 'unmapped') unmapped++;
      }
      expect(mapped / (mapped + unmapped)).to.be.greaterThan(0.95);
    });
  },
);

if (!present) {
  describe('e2e: ../shared/corpora', () => {
    it('is absent on this machine; corpus checks are skipped (they run in CI, where it is present)', () => {
      expect(existsSync(CORPORA)).to.equal(false);
    });
  });
}
