import { expect } from 'chai';
import { TokenBucket, type Clock } from '../../../src/aws/rate-limit.ts';

function fakeClock(): Clock & { at: number; slept: number[] } {
  const clock = {
    at: 0,
    slept: [] as number[],
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.at += ms;
    },
  };
  return clock;
}

describe('TokenBucket', () => {
  it('lets the first call through and spaces the next ones at the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, clock);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    expect(times).to.deep.equal([0, 500, 1000, 1500, 2000]);
  });

  it('never allows more than the rate in any one-second window (burst 1)', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, clock);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await bucket.take();
      times.push(clock.now());
      clock.at += i % 3 === 0 ? 100 : 0;
    }
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000)).to.have.length.at.most(2);
  });

  it('does not wait after an idle period, and does not bank more than the burst', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, clock, 2);
    clock.at = 10_000;
    await bucket.take();
    await bucket.take();
    expect(clock.slept).to.deep.equal([]);
    await bucket.take();
    expect(clock.slept).to.deep.equal([500]);
  });
});
