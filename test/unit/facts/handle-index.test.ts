import { expect } from 'chai';
import { HandleIndex } from '../../../src/facts/handle-index.ts';
import type { Arn, IamAction } from '../../../src/model/identifiers.ts';
import type { Observation } from '../../../src/model/observation.ts';

const ROLE = 'arn:aws:iam::123456789012:role/app' as Arn;
const WG = 'arn:aws:athena:eu-west-1:123456789012:workgroup/wg' as Arn;

function held(handle: string, time = '2026-11-20T10:00:00Z'): Observation & { handle: string } {
  return {
    principal: ROLE,
    action: 'athena:GetQueryResults' as IamAction,
    resources: '*',
    context: { 'aws:RequestedRegion': 'eu-west-1' },
    outcome: 'allowed',
    source: 'cloudtrail',
    time,
    origin: {},
    handle,
  };
}

describe('HandleIndex', () => {
  it('gives the same facts whatever the order of states merged', () => {
    const a = new HandleIndex();
    a.hold(held('athena-query:q1', '2026-11-20T10:00:00Z'));
    const b = new HandleIndex();
    b.bind(ROLE, ['athena-query:q1'], [WG]);
    b.hold(held('athena-query:q1', '2026-11-20T11:00:00Z'));
    const results = [
      [a, b],
      [b, a],
    ].map((order) => {
      const into = new HandleIndex();
      for (const part of order) into.merge(part.state());
      return into.resolve();
    });
    expect(results[0]).to.deep.equal(results[1]);
    expect(results[0]?.facts).to.have.length(1);
    expect(results[0]?.facts[0]).to.deep.include({
      resources: [WG],
      count: 2,
      firstSeen: '2026-11-20T10:00:00Z',
      lastSeen: '2026-11-20T11:00:00Z',
    });
    expect(results[0]?.uncorrelated).to.deep.equal([]);
  });

  it('holds at most its limit and reports the calls past it instead of dropping them', () => {
    const index = new HandleIndex(2);
    expect(index.hold(held('athena-query:q1'))).to.equal(true);
    expect(index.hold(held('athena-query:q2'))).to.equal(true);
    expect(index.hold(held('athena-query:q3'))).to.equal(false);
    const { facts, uncorrelated } = index.resolve();
    expect(facts.map((f) => f.resources)).to.deep.equal(['*', '*']);
    expect(uncorrelated.map((u) => [u.handle, u.count])).to.deep.equal([
      ['athena-query:q1', 1],
      ['athena-query:q2', 1],
      ['overflow:', 1],
    ]);
  });
});
