import { boundedMemo } from '../bounded-memo.ts';
import { InternalError } from '../errors.ts';
import type { IamAction } from '../model/identifiers.ts';
import type { ActionInfo, ResourceTypeInfo, ServiceInfo, ServiceSource } from './service-info.ts';

const MAX_CACHED_ACTIONS = 10_000;
const MAX_CACHED_ACTION_LENGTH = 256;

/**
 * The IAM catalog with synchronous look-ups over services loaded beforehand with `ensure()`.
 * Parsers are pure and synchronous; the pipeline awaits `ensure()` for the services a batch names.
 */
export class Catalog {
  readonly #source: ServiceSource;
  readonly #services = new Map<string, ServiceInfo | undefined>();
  /** actionOf's answers: a loaded service never changes. Bounded, as action names may come from records.
   * Throws (and remembers nothing) while the service is not loaded. */
  readonly #actionsByName = boundedMemo(
    (action: string) => {
      const colon = action.indexOf(':');
      return this.action(action.slice(0, colon), action.slice(colon + 1));
    },
    MAX_CACHED_ACTIONS,
    MAX_CACHED_ACTION_LENGTH,
  );

  constructor(source: ServiceSource) {
    this.#source = source;
  }

  get version(): string {
    return this.#source.version();
  }

  /** Loads the named services (unknown names are remembered as absent). */
  async ensure(prefixes: Iterable<string>): Promise<void> {
    const missing = [...new Set(prefixes)].filter((p) => !this.#services.has(p));
    const loaded = await Promise.all(missing.map((p) => this.#source.load(p)));
    missing.forEach((p, i) => this.#services.set(p, loaded[i]));
  }

  /** Loads every service (for action expansion in the diff). */
  async ensureAll(): Promise<void> {
    await this.ensure(await this.#source.serviceKeys());
  }

  loadedServices(): ServiceInfo[] {
    return [...this.#services.values()].filter((s): s is ServiceInfo => s !== undefined);
  }

  isLoaded(prefix: string): boolean {
    return this.#services.has(prefix);
  }

  service(prefix: string): ServiceInfo | undefined {
    if (!this.#services.has(prefix)) {
      throw new InternalError(`catalog: service "${prefix}" was looked up before it was loaded`);
    }
    return this.#services.get(prefix);
  }

  /** The action in canonical case, or undefined when IAM has no such action. Case-insensitive. */
  action(prefix: string, name: string): ActionInfo | undefined {
    return this.service(prefix)?.actions.get(name.toLowerCase());
  }

  actionOf(action: IamAction): ActionInfo | undefined {
    return this.#actionsByName(action);
  }

  resourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
    return this.service(prefix)?.resourceTypes.get(name.toLowerCase());
  }
}
