import { BlockList, isIP } from 'node:net';
import type { ConditionBlock } from '../model/policy.ts';
import { matchesPattern } from './wildcard.ts';

/** Three-valued logic: 'unknown' when the evidence lacks a key the answer depends on. */
export type Tri = 'true' | 'false' | 'unknown';

export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

type Compare = (policyValue: string, contextValue: string, context: RequestContext) => boolean | undefined;

const EQ = (a: string, b: string) => a === b;
const EQ_CI = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const LIKE: Compare = (p, v, ctx) => {
  const r = matchesPattern(p, v, { caseInsensitive: false, variables: ctx });
  return r === 'unknown' ? undefined : r === 'match';
};
const num =
  (f: (a: number, b: number) => boolean): Compare =>
  (p, v) => {
    const a = Number(v);
    const b = Number(p);
    return Number.isFinite(a) && Number.isFinite(b) && p.trim() !== '' && v.trim() !== '' ? f(a, b) : false;
  };
const date =
  (f: (a: number, b: number) => boolean): Compare =>
  (p, v) => {
    const a = toEpoch(v);
    const b = toEpoch(p);
    return a !== undefined && b !== undefined ? f(a, b) : false;
  };

/** Base operator -> comparison, and whether it is a negated ("Not") operator. */
const OPERATORS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: EQ, negated: false },
  StringNotEquals: { compare: EQ, negated: true },
  StringEqualsIgnoreCase: { compare: EQ_CI, negated: false },
  StringNotEqualsIgnoreCase: { compare: EQ_CI, negated: true },
  StringLike: { compare: LIKE, negated: false },
  StringNotLike: { compare: LIKE, negated: true },
  NumericEquals: { compare: num((a, b) => a === b), negated: false },
  NumericNotEquals: { compare: num((a, b) => a === b), negated: true },
  NumericLessThan: { compare: num((a, b) => a < b), negated: false },
  NumericLessThanEquals: { compare: num((a, b) => a <= b), negated: false },
  NumericGreaterThan: { compare: num((a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { compare: num((a, b) => a >= b), negated: false },
  DateEquals: { compare: date((a, b) => a === b), negated: false },
  DateNotEquals: { compare: date((a, b) => a === b), negated: true },
  DateLessThan: { compare: date((a, b) => a < b), negated: false },
  DateLessThanEquals: { compare: date((a, b) => a <= b), negated: false },
  DateGreaterThan: { compare: date((a, b) => a > b), negated: false },
  DateGreaterThanEquals: { compare: date((a, b) => a >= b), negated: false },
  Bool: { compare: EQ_CI, negated: false },
  BinaryEquals: { compare: EQ, negated: false },
  IpAddress: { compare: (p, v) => inCidr(v, p), negated: false },
  NotIpAddress: { compare: (p, v) => inCidr(v, p), negated: true },
  ArnEquals: { compare: LIKE, negated: false },
  ArnLike: { compare: LIKE, negated: false },
  ArnNotEquals: { compare: LIKE, negated: true },
  ArnNotLike: { compare: LIKE, negated: true },
};

/** Every operator name the evaluator understands (without prefixes/suffixes). */
export const CONDITION_OPERATORS = [...Object.keys(OPERATORS), 'Null'];

/** All operator/key pairs must hold (AND); any false -> false; else any unknown -> unknown. */
export function evaluateConditions(block: ConditionBlock | undefined, context: RequestContext): Tri {
  let result: Tri = 'true';
  for (const [operator, keys] of Object.entries(block ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      const r = evaluateOne(operator, key, values, context);
      if (r === 'false') return 'false';
      if (r === 'unknown') result = 'unknown';
    }
  }
  return result;
}

function evaluateOne(
  operator: string,
  key: string,
  policyValues: readonly string[],
  context: RequestContext,
): Tri {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
  const set = m?.[1];
  const base = m?.[2] ?? '';
  const ctx = lookup(context, key);
  if (base === 'Null') {
    if (ctx === undefined) return 'unknown';
    const isNull = ctx.length === 0;
    return policyValues.some((p) => p.toLowerCase() === String(isNull)) ? 'true' : 'false';
  }
  const op = OPERATORS[base];
  if (!op) return 'false';
  // Our evidence is incomplete: an absent key may be present in the real request, so we cannot tell.
  if (ctx === undefined) return 'unknown';
  const matchOne = (v: string): boolean | undefined => {
    let unknown = false;
    for (const p of policyValues) {
      const r = op.compare(p, v, context);
      if (r === true) return !op.negated;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : op.negated;
  };
  const results = ctx.map(matchOne);
  if (set === 'ForAllValues') return all(results);
  if (ctx.length === 0) return set === 'ForAnyValue' ? 'false' : 'unknown';
  return any(results);
}

function all(results: (boolean | undefined)[]): Tri {
  if (results.some((r) => r === false)) return 'false';
  return results.some((r) => r === undefined) ? 'unknown' : 'true';
}

function any(results: (boolean | undefined)[]): Tri {
  if (results.some((r) => r === true)) return 'true';
  return results.some((r) => r === undefined) ? 'unknown' : 'false';
}

function lookup(context: RequestContext, key: string): readonly string[] | undefined {
  const lower = key.toLowerCase();
  const entry = Object.entries(context).find(([k]) => k.toLowerCase() === lower);
  if (!entry) return undefined;
  return typeof entry[1] === 'string' ? [entry[1]] : entry[1];
}

function toEpoch(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function inCidr(address: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const family = isIP(net ?? '');
  const addressFamily = isIP(address);
  if (family === 0 || addressFamily !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const bits = bitsText === undefined ? (family === 4 ? 32 : 128) : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(net!, bits, type);
  return list.check(address, type);
}
