import type { IamAction } from '../model/identifiers.ts';
import data from './data/platform-baselines.json' with { type: 'json' };

/** What must be known of a function before a baseline applies (see platform-baselines.json). */
export type BaselineWhen = 'lambda' | 'tracing' | 'vpc' | 'event-source';

/**
 * Actions on one resource template (`${Partition}` `${Region}` `${Account}` `${LogGroup}`
 * `${EventSourceArn}` `${SubnetId}` `${SecurityGroupId}`; one resource per value of a list).
 */
export interface BaselineGrant {
  actions: readonly IamAction[];
  resource: string;
  /** Why the resource is `*` (the action has no resource type in the SAR). */
  why?: string;
}

/** One platform baseline: a managed policy's actions the platform uses with the role, scoped. */
export interface PlatformBaseline {
  name: string;
  managedPolicy: string;
  version: string;
  when: BaselineWhen;
  /** For `event-source`: the IAM prefix of the mapping's source (sqs, kinesis, dynamodb). */
  eventSource?: string;
  why: string;
  grants: readonly BaselineGrant[];
  omitted: readonly { actions: readonly string[]; why: string }[];
}

const BASELINES = data.baselines as readonly PlatformBaseline[];

/** Every platform baseline, in the data file's order. */
export function platformBaselines(): readonly PlatformBaseline[] {
  return BASELINES;
}

/** Every action a baseline can grant (for the data test). */
export function baselineActions(): IamAction[] {
  return BASELINES.flatMap((b) => b.grants.flatMap((g) => g.actions));
}
