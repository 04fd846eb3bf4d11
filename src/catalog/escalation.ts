import type { IamAction } from '../model/identifiers.ts';
import data from './data/escalation-actions.json' with { type: 'json' };

/** One action that lets a principal raise its own privileges (see data/escalation-actions.json). */
export interface EscalationAction {
  action: IamAction;
  /** Flag it only when granted on `"*"`: on named resources the action is routine (PassRole, AssumeRole). */
  onStarOnly: boolean;
  /** The published privilege-escalation methods it belongs to. */
  methods: readonly string[];
}

/** Every escalation-capable action, in data order. */
export const ESCALATION_ACTIONS: readonly EscalationAction[] = data.escalation.map((e) => ({
  action: e.action as IamAction,
  onStarOnly: 'onStarOnly' in e && e.onStarOnly === true,
  methods: e.methods,
}));

/** Actions that remove or replace a role's permissions boundary. */
export const BOUNDARY_REMOVAL_ACTIONS: readonly IamAction[] = data.boundaryRemoval as IamAction[];

/** Actions that change a managed policy's content (the boundary policy itself). */
export const BOUNDARY_POLICY_CHANGE_ACTIONS: readonly IamAction[] = data.boundaryPolicyChange as IamAction[];
