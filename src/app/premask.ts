import type { Catalog } from '../catalog/catalog.ts';
import { catalogSplitter } from '../catalog/resource-split.ts';
import { volatileMasker, type ResourceMasker } from '../reduce/generalize.ts';

/** The reducer's volatile-identifier masking in `mode`, for a fact store that masks as facts arrive. */
export function premasker(catalog: Catalog, mode: 'safe' | 'aggressive'): ResourceMasker {
  return volatileMasker(catalogSplitter(catalog, mode), mode);
}
