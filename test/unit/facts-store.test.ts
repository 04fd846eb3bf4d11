import { expect } from 'chai';
import { FactLimitExceeded, FactStore } from '../../src/facts/fact-store.ts';
import type { Observation } from '../../src/model/observation.ts';

const base: Observation = {
  principal: 'arn:aws:iam::123456789012:role/r',
  action: 's3:GetObject',
  resources: ['arn:aws:s3:::b/k'],
  context: { 'aws:RequestedRegion': 'eu-west-1' },
  outcome: 'allowed',
  source: 'cloudtrail',
  time: '2026-11-20T10:00:00.000Z',
  origin: {},
};

describe('FactStore', () => {
  it('aggregates equal calls into one fact with count and first/last seen', () => {
    const store = new FactStore();
    store.add(base);
    store.add({ ...base, time: '2026-11-19T10:00:00.000Z', source: 'xray' });
    store.add({ ...base, time: '2026-11-21T10:00:00.000Z' });
    const [fact] = store.facts();
    expect(store.size).to.equal(1);
    expect(fact).to.include({
      count: 3,
      firstSeen: '2026-11-19T10:00:00.000Z',
      lastSeen: '2026-11-21T10:00:00.000Z',
    });
    expect(fact!.sources).to.deep.equal(['cloudtrail', 'xray']);
  });

  it('keeps different outcomes, resources and contexts apart', () => {
    const store = new FactStore();
    store.add(base);
    store.add({ ...base, outcome: 'denied' });
    store.add({ ...base, resources: ['arn:aws:s3:::b/other'] });
    store.add({ ...base, context: { 'aws:RequestedRegion': 'us-east-1' } });
    expect(store.size).to.equal(4);
  });

  it('merges stores into the same facts whatever the order', () => {
    const a = new FactStore();
    const b = new FactStore();
    a.add(base);
    b.add({ ...base, resources: ['arn:aws:s3:::b/other'] });
    b.add(base);
    const ab = new FactStore();
    ab.mergeFrom(a);
    ab.mergeFrom(b);
    const ba = new FactStore();
    ba.mergeFrom(b);
    ba.mergeFrom(a);
    expect(JSON.stringify(ab.facts())).to.equal(JSON.stringify(ba.facts()));
  });

  it('refuses more distinct facts than its limit, with a clear error', () => {
    const store = new FactStore(2);
    store.add(base);
    store.add({ ...base, action: 's3:PutObject' });
    expect(() => store.add({ ...base, action: 's3:DeleteObject' })).to.throw(
      FactLimitExceeded,
      /more than 2 distinct facts/,
    );
  });
});
