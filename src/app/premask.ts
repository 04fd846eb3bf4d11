import type { Catalog } from '../catalog/catalog.ts';
import { catalogSplitter } from '../catalog/resource-split.ts';
import type { Arn, ResourceSet } from '../model/identifiers.ts';
import type { MaskedArn, ResourceMasker } from '../model/mask.ts';
import type { ObservationNormalizer } from '../model/observation.ts';
import { volatileMasker } from '../reduce/generalize.ts';

/**
 * The premask normalizer: the reducer's volatile-identifier masking in `mode`, applied to every
 * observation as it arrives (CloudTrail files, API rows, traces), so facts grow with distinct
 * patterns, not distinct object keys. Each masked observation carries its masks (the fact store
 * keeps them for the reducer) and the resources as recorded (handles bind those).
 */
export function premaskNormalizer(catalog: Catalog, mode: 'safe' | 'aggressive'): ObservationNormalizer {
  return maskingNormalizer(volatileMasker(catalogSplitter(catalog, mode), mode));
}

/** A normalizer that masks each observation's resources with `mask`. */
export function maskingNormalizer(mask: ResourceMasker): ObservationNormalizer {
  return (o) => {
    const m = masked(mask, o.action, o.resources);
    return m ? { ...o, resources: m.resources, masks: m.masks, observedResources: o.resources } : o;
  };
}

/** The masked resources, or undefined when nothing was masked (no allocation on that path). */
function masked(
  mask: ResourceMasker,
  action: string,
  resources: ResourceSet,
): { resources: ResourceSet; masks: MaskedArn[] } | undefined {
  if (resources === '*') return undefined;
  if (resources.length === 1) {
    const m = mask(action, resources[0]!);
    return m ? { resources: [m.arn], masks: [m] } : undefined;
  }
  let masks: MaskedArn[] | undefined;
  const out: Arn[] = [];
  for (const arn of resources) {
    const m = mask(action, arn);
    if (m) (masks ??= []).push(m);
    const kept = m ? m.arn : arn;
    if (!out.includes(kept)) out.push(kept);
  }
  return masks ? { resources: out, masks } : undefined;
}
