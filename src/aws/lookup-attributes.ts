/** Kept apart from the SDK adapter so the CLI can validate flags without loading the AWS SDK. */

/** The lookup attributes LookupEvents accepts (one per request). */
export const LOOKUP_ATTRIBUTE_KEYS = [
  'AccessKeyId',
  'EventId',
  'EventName',
  'EventSource',
  'ReadOnly',
  'ResourceName',
  'ResourceType',
  'Username',
] as const;

export interface LookupAttribute {
  key: (typeof LOOKUP_ATTRIBUTE_KEYS)[number];
  value: string;
}
