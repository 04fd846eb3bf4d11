export { Catalog } from './catalog.ts';
export type { ActionInfo, ResourceTypeInfo, ServiceInfo, ServiceSource } from './service-info.ts';
export {
  mapOperation,
  prefixForEventSource,
  prefixForSdkService,
  type CallMapping,
  type MappedCall,
} from './event-mapping.ts';
export { resolveResources, type Resolution, type ResourceInputs } from './resolve-resources.ts';
export { escapeIamValue } from './arn-template.ts';
export { partitionForRegion } from './partition.ts';
