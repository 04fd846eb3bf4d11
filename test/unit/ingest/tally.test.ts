import { expect } from 'chai';
import { IngestTally } from '../../../src/ingest/tally.ts';
import type { RecordResult } from '../../../src/ingest/record-result.ts';

describe('IngestTally', () => {
  it('puts every record in exactly one bucket: records = used + skipped + unmapped', () => {
    const tally = new IngestTally();
    tally.record({ kind: 'skipped', reason: 'permissionless', detail: 'sts' }, 'f#0');
    tally.record({ kind: 'skipped', reason: 'permissionless', detail: 'sts' }, 'f#1');
    tally.record({ kind: 'unmapped', eventSource: 'x.amazonaws.com', eventName: 'Y' }, 'f#2');
    tally.record(
      { kind: 'observations', observations: [], unresolved: [{ action: 'dynamodb:GetItem', reason: 'r' }] },
      'f#3',
    );
    tally.badRecord('malformed-record', 'f#4: not an object');
    const r = tally.toReport();
    const skipped = r.skipped.reduce((n, s) => n + s.count, 0);
    const unmapped = r.unmapped.reduce((n, u) => n + u.count, 0);
    expect(r.records).to.equal(5);
    expect(r.used + skipped + unmapped).to.equal(r.records);
    expect(r.skipped).to.deep.equal([
      { reason: 'malformed-record', count: 1, example: 'f#4: not an object' },
      { reason: 'permissionless', count: 2, example: 'f#0: sts' },
    ]);
    expect(r.unresolvedResources).to.deep.equal([
      { action: 'dynamodb:GetItem', count: 1, example: 'f#3: r', reasons: [{ reason: 'r', count: 1 }] },
    ]);
  });

  it('counts each unresolved reason per action, the same whatever the merge order', () => {
    const parts = [
      [{ action: 'kms:Decrypt', reason: 'no keyId' }],
      [
        { action: 'kms:Decrypt', reason: 'no keyId' },
        { action: 'kms:Decrypt', reason: 'alias' },
      ],
    ].map((unresolved, i) => {
      const t = new IngestTally();
      t.record({ kind: 'observations', observations: [], unresolved } as RecordResult, `f${i}#0`);
      return t.toReport();
    });
    const reports = [parts, [...parts].reverse()].map((order) => {
      const total = new IngestTally();
      for (const p of order) total.merge(p);
      return total.toReport().unresolvedResources;
    });
    expect(reports[0]).to.deep.equal([
      {
        action: 'kms:Decrypt',
        count: 3,
        example: 'f0#0: no keyId',
        reasons: [
          { reason: 'alias', count: 1 },
          { reason: 'no keyId', count: 2 },
        ],
      },
    ]);
    expect(reports[1]).to.deep.equal(reports[0]);
  });
});
