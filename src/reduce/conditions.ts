import { escapeIamValue } from '../catalog/arn-template.ts';
import { CONDITION_RULES, ruleCoversAction } from '../catalog/condition-evidence.ts';
import type { Fact } from '../model/fact.ts';
import type { ConditionBlock } from '../model/policy.ts';
import { sortedUnique } from './compare.ts';
import { maskVolatile } from './volatility.ts';

/** One condition emitted and the evidence behind it, for --explain and the report. */
export interface ConditionNote {
  action: string;
  operator: string;
  key: string;
  values: string[];
  evidence: string;
  calls: number;
}

interface Rule {
  key: string;
  /** Applies to this action (and statement resources). */
  applies: (action: string, resources: readonly string[]) => boolean;
  operator: (values: string[]) => string;
  /** The condition value for one observed context value, or undefined when it cannot be constrained. */
  value: (observed: string) => string | undefined;
  /** A generalized value stands only when two distinct observed values share it (safe evidence). */
  needsVariation: boolean;
  why: string;
}

// The table of data/condition-evidence.json, shared with ingest. A condition is emitted only when EVERY
// fact behind the action carries the key with a usable value; ingest records a key only on actions
// that support it, and the catalog self-check (verify-catalog.ts) holds the result to the same rule.
// Values are escaped: String operators expand policy variables (${...}) in condition values too.
const RULES: Rule[] = CONDITION_RULES.map((rule) => ({
  key: rule.key,
  applies: (action, resources) =>
    ruleCoversAction(rule, action) && (!rule.wildcardResourceOnly || resources.includes('*')),
  operator: rule.value === 'masked-prefix' ? likeWhenGeneralized : () => 'StringEquals',
  value: rule.value === 'masked-prefix' ? maskedPrefix : escapeIamValue,
  needsVariation: rule.value === 'masked-prefix',
  why: rule.why,
}));

function likeWhenGeneralized(values: string[]): string {
  return values.some((v) => v.replace(/\$\{[*?$]\}/g, '').includes('*')) ? 'StringLike' : 'StringEquals';
}

/** An empty prefix lists the whole bucket: no condition can be narrower than the bucket then. */
function maskedPrefix(observed: string): string | undefined {
  return observed === '' ? undefined : maskVolatile(escapeIamValue(observed)).text;
}

/** Conditions every supporting fact of one action agrees on. */
export function conditionsFor(
  action: string,
  facts: readonly Fact[],
  resources: readonly string[],
): { condition: ConditionBlock | undefined; notes: ConditionNote[] } {
  const block: ConditionBlock = {};
  const notes: ConditionNote[] = [];
  for (const rule of RULES) {
    if (!rule.applies(action, resources)) continue;
    const values = agreedValues(rule, facts);
    if (!values) continue;
    const operator = rule.operator(values);
    block[operator] = { ...(block[operator] ?? {}), [rule.key]: values };
    const calls = facts.reduce((n, f) => n + f.count, 0);
    notes.push({ action, operator, key: rule.key, values, evidence: rule.why, calls });
  }
  return { condition: Object.keys(block).length > 0 ? sortBlock(block) : undefined, notes };
}

function agreedValues(rule: Rule, facts: readonly Fact[]): string[] | undefined {
  const seen = new Map<string, Set<string>>();
  for (const fact of facts) {
    const observed = fact.context[rule.key];
    if (observed === undefined) return undefined;
    const value = rule.value(observed);
    if (value === undefined) return undefined;
    const behind = seen.get(value) ?? new Set<string>();
    behind.add(observed);
    seen.set(value, behind);
  }
  if (seen.size === 0) return undefined;
  const values: string[] = [];
  for (const [value, observed] of seen) {
    // One prefix seen (`in/2026/11/20/`) proves no variation, and a pattern with no stable start
    // would list the whole bucket: the prefixes stay as observed.
    const stands = !rule.needsVariation || (observed.size >= 2 && !value.startsWith('*'));
    values.push(...(stands ? [value] : [...observed].map(escapeIamValue)));
  }
  return sortedUnique(values);
}

function sortBlock(block: ConditionBlock): ConditionBlock {
  const out: ConditionBlock = {};
  for (const op of Object.keys(block).sort()) {
    const keys = block[op]!;
    out[op] = Object.fromEntries(
      Object.keys(keys)
        .sort()
        .map((k) => [k, keys[k]!]),
    );
  }
  return out;
}
