import type { Fact } from '../model/fact.ts';
import type { ConditionBlock } from '../model/policy.ts';
import type { ConditionNote } from './conditions.ts';
import type { Generalization } from './generalize.ts';

/** One action's resources and condition, and the facts and notes behind them. */
export interface ActionGrant {
  action: string;
  resources: string[];
  condition: ConditionBlock | undefined;
  facts: Fact[];
  generalizations: Generalization[];
  conditionNotes: ConditionNote[];
}
