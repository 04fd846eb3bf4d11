import { dataEventTypes, trailVisibility } from '../catalog/evidence-visibility.ts';
import type { Fact } from '../model/fact.ts';
import type { IamAction } from '../model/identifiers.ts';
import type { DataEventCoverage, NotVisible } from './types.ts';

/** What one role's evidence could have recorded (src/catalog/data/evidence-visibility.json). */
export interface EvidenceView {
  /** Why the evidence could not have seen a call of this action; undefined when it could have. */
  notVisible(action: IamAction): NotVisible | undefined;
  /** The data-event types the given actions belong to, and whether the evidence holds any of each. */
  coverage(actions: Iterable<IamAction>): DataEventCoverage[];
}

/**
 * A role's observed facts -> what its evidence could see. CloudTrail records management events
 * always; a data-event type counts as logged when the evidence holds at least one call of that type
 * by the role (a trail logs data events only for the resource types its selectors name); calls no
 * trail records are never visible there. Traces record the SDK calls of instrumented code: a service
 * the role's traces show calls to is visible through them.
 */
export function evidenceView(facts: readonly Fact[]): EvidenceView {
  const trailTypes = new Set<string>();
  const tracedServices = new Set<string>();
  for (const f of facts) {
    if (f.inferred) continue;
    const v = trailVisibility(f.action);
    if (v.kind === 'data-event' && f.sources.includes('cloudtrail')) trailTypes.add(v.type.resourceType);
    if (f.sources.some((s) => s !== 'cloudtrail')) tracedServices.add(f.action.split(':')[0]!);
  }
  return {
    notVisible(action) {
      if (tracedServices.has(action.split(':')[0]!)) return undefined;
      const v = trailVisibility(action);
      if (v.kind === 'not-recorded')
        return { action, kind: 'not-recorded', reason: v.entry.why, inferred: v.entry.inferred ?? false };
      if (v.kind !== 'data-event' || trailTypes.has(v.type.resourceType)) return undefined;
      return {
        action,
        kind: 'data-event',
        resourceType: v.type.resourceType,
        reason: `a ${v.type.label} data event (${v.type.resourceType}); the evidence holds none for this role, so the trail may not log them`,
        inferred: v.type.inferred ?? false,
      };
    },
    coverage(actions) {
      const named = new Set<string>();
      for (const a of actions) {
        const v = trailVisibility(a);
        if (v.kind === 'data-event') named.add(v.type.resourceType);
      }
      return dataEventTypes()
        .filter((t) => named.has(t.resourceType))
        .map((t) => ({ resourceType: t.resourceType, label: t.label, seen: trailTypes.has(t.resourceType) }));
    },
  };
}
