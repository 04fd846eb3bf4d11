import type { Fact } from '../model/fact.ts';
import type { ConditionBlock } from '../model/policy.ts';

/** One condition emitted and the evidence behind it, for --explain and the report. */
export interface ConditionNote {
  action: string;
  operator: string;
  key: string;
  values: string[];
  evidence: string;
}

/** v1: no conditions. */
export function conditionsFor(
  _action: string,
  _facts: readonly Fact[],
  _resources: readonly string[],
): { condition: ConditionBlock | undefined; notes: ConditionNote[] } {
  return { condition: undefined, notes: [] };
}
