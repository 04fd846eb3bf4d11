/** IPv4 and IPv6 CIDR matching for the IpAddress / NotIpAddress condition operators. */

interface Address {
  family: 4 | 6;
  value: bigint;
}

/**
 * Is `address` inside `cidr` (`203.0.113.0/24`, `2001:db8::/32`, or a bare address = one host)?
 * Undefined when either is not a valid IP of the same family: the comparison has no answer, and
 * callers treat it as a failed match whatever the operator (never as a NotIpAddress success).
 */
export function inCidr(address: string, cidr: string): boolean | undefined {
  const slash = cidr.indexOf('/');
  const net = parseIp(slash < 0 ? cidr : cidr.slice(0, slash));
  const ip = parseIp(address);
  if (!net || !ip || net.family !== ip.family) return undefined;
  const width = net.family === 4 ? 32 : 128;
  const bitsText = slash < 0 ? String(width) : cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) return undefined;
  const shift = BigInt(width - Number(bitsText));
  return net.value >> shift === ip.value >> shift;
}

/** Parses a dotted-quad IPv4 or an IPv6 address (`::` compression, embedded IPv4); no zone ids. */
export function parseIp(text: string): Address | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** `a:b:c` -> 16-bit groups; a trailing dotted quad counts as two groups. */
function groups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9a-f]{1,4}$/i.test(part)) out.push(BigInt(`0x${part}`));
    else return undefined;
  }
  return out;
}
