import { expect } from 'chai';
import { parseBenchArgs, parseCount } from '../../../bench/args.ts';

describe('bench arguments', () => {
  it('reads counts with k/M suffixes', () => {
    expect([parseCount('100k'), parseCount('1M'), parseCount('1.5M'), parseCount('42')]).to.deep.equal([
      100_000, 1_000_000, 1_500_000, 42,
    ]);
    expect(() => parseCount('ten')).to.throw(/not a count/);
  });

  it('defaults to 100k and 1M, one run each; --repeat and --events lists are read', () => {
    const plain = parseBenchArgs([]);
    expect(plain.events).to.deep.equal([100_000, 1_000_000]);
    expect(plain.repeat).to.equal(1);
    const custom = parseBenchArgs(['--events', '4M,100k', '--events', '1M', '--repeat', '3', '--jobs', '1']);
    expect(custom.events).to.deep.equal([100_000, 1_000_000, 4_000_000]);
    expect(custom.repeat).to.equal(3);
    expect(custom.jobs).to.equal(1);
  });

  it('rejects what it does not know, with the usage', () => {
    expect(() => parseBenchArgs(['--repeats', '3'])).to.throw();
    expect(() => parseBenchArgs(['--help'])).to.throw(/--repeat N/);
  });
});
