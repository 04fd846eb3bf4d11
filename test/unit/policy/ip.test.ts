import { expect } from 'chai';
import { inCidr, parseIp } from '../../../src/policy/ip.ts';

describe('inCidr', () => {
  const table: [string, string, boolean | undefined][] = [
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['10.0.0.1', '10.0.0.1', true],
    ['10.0.0.2', '10.0.0.1/32', false],
    ['255.255.255.255', '0.0.0.0/0', true],
    ['192.168.1.255', '192.168.1.128/25', true],
    ['192.168.1.127', '192.168.1.128/25', false],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32', true],
    ['2001:db9::', '2001:db8::/32', false],
    ['::1', '::1/128', true],
    ['::', '::/0', true],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.0/120', true],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:0/112', true],
    ['10.0.0.1', '::/0', undefined],
    ['2001:db8::1', '0.0.0.0/0', undefined],
    ['10.0.0.256', '10.0.0.0/8', undefined],
    ['10.0.0.1', '10.0.0.0/33', undefined],
    ['10.0.0.1', '10.0.0.0/', undefined],
    ['10.0.0.1', '10.0.0.0/-1', undefined],
    ['1::2::3', '::/0', undefined],
    ['1:2:3:4:5:6:7:8:9', '::/0', undefined],
    ['1:2:3:4:5:6:7::8', '::/0', undefined],
    ['fe80::1%eth0', '::/0', undefined],
    ['not an ip', '10.0.0.0/8', undefined],
  ];
  for (const [address, cidr, expected] of table) {
    it(`${address} in ${cidr} -> ${String(expected)}`, () => {
      expect(inCidr(address, cidr)).to.equal(expected);
    });
  }

  it('parses IPv6 compression and embedded IPv4 to the same value as the long form', () => {
    expect(parseIp('::ffff:192.0.2.1')).to.deep.equal(parseIp('0:0:0:0:0:ffff:c000:201'));
    expect(parseIp('2001:DB8::1')).to.deep.equal(parseIp('2001:0db8:0:0:0:0:0:0001'));
  });
});
