import type { IamAction } from '../model/identifiers.ts';
import data from './data/evidence-visibility.json' with { type: 'json' };

/** A CloudTrail data-event resource type: logged only when the trail's event selectors enable it. */
export interface DataEventType {
  resourceType: string;
  label: string;
  actions: readonly IamAction[];
  /** The action list is read off the docs' examples, not a complete list from AWS. */
  inferred?: boolean;
}

/** Actions CloudTrail never records, and why. */
export interface NotRecorded {
  actions: readonly IamAction[];
  why: string;
  inferred?: boolean;
}

const DATA_EVENTS = data.cloudtrail.dataEvents as readonly DataEventType[];
const NOT_RECORDED = data.cloudtrail.notRecorded as readonly NotRecorded[];
const DATA_EVENT_OF = new Map(DATA_EVENTS.flatMap((t) => t.actions.map((a) => [a, t] as const)));
const NOT_RECORDED_OF = new Map(NOT_RECORDED.flatMap((n) => n.actions.map((a) => [a, n] as const)));

/** How CloudTrail can record an action: always (management event), as a data event, or never. */
export type TrailVisibility =
  | { kind: 'management' }
  | { kind: 'data-event'; type: DataEventType }
  | { kind: 'not-recorded'; entry: NotRecorded };

export function trailVisibility(action: IamAction): TrailVisibility {
  const type = DATA_EVENT_OF.get(action);
  if (type) return { kind: 'data-event', type };
  const entry = NOT_RECORDED_OF.get(action);
  return entry ? { kind: 'not-recorded', entry } : { kind: 'management' };
}

/** Every data-event type, in the data file's order. */
export function dataEventTypes(): readonly DataEventType[] {
  return DATA_EVENTS;
}

/** Every action the visibility data names (for the data test). */
export function visibilityActions(): IamAction[] {
  return [...DATA_EVENT_OF.keys(), ...NOT_RECORDED_OF.keys()];
}
