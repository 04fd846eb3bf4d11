import { boundedMemo } from '../bounded-memo.ts';
import { escapeIamValue, type TemplateValue } from './arn-template.ts';

/**
 * What a transform makes of a value: the variables it gives, `rejected` when the value cannot be what
 * the parameter holds (the call is then malformed, never widened), or undefined when it fits another
 * resource type (a KMS alias is not a key).
 */
export type TransformResult =
  | { values: Readonly<Record<string, TemplateValue>> }
  | { rejected: string }
  | undefined;

/**
 * Named transforms from a request-parameter value to ARN-template variables, referenced by
 * `data/resource-parameters.json` as `param:transform`. A result may be shared between calls: do not
 * modify it.
 */
export type ValueTransform = (value: string, variable: string) => TransformResult;

const one = (variable: string, value: TemplateValue): TransformResult => ({ values: { [variable]: value } });

// KMS key IDs are UUIDs (multi-Region keys: "mrk-" and 32 hex digits); alias names take
// [A-Za-z0-9/_-] after "alias/" (KMS API reference, CreateAlias AliasName).
const KMS_KEY_ID = /^(?:mrk-)?[0-9a-f-]{32,36}$/i;
const KMS_ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

export const VALUE_TRANSFORMS: Record<string, ValueTransform> = {
  // A record's queue URL is nearly always one of a few: parse each once (URL parsing is costly).
  'sqs-queue-url': (value) => queueUrls(value),
  'strip-leading-slash': (value, variable) => one(variable, value.replace(/^\//, '')),
  // GetParametersByPath is authorized on the path itself (parameter/reporting for "/reporting/").
  'ssm-path': (value, variable) => {
    const path = value.replace(/^\/+/, '').replace(/\/+$/, '');
    return path ? one(variable, path) : undefined;
  },
  'strip-alias-prefix': (value, variable) => one(variable, value.replace(/^alias\//, '')),
  // A secret's ARN ends in "-" and six random characters AWS appends to its name (Secrets Manager User
  // Guide, "Secret ARN"); a name alone can only be matched with that documented suffix pattern.
  'secretsmanager-secret-id': (value, variable) =>
    one(variable, { pattern: `${escapeIamValue(value)}-??????` }),
  // KMS keyId is a key ID, a key ARN (matched as an ARN before transforms run) or an alias, which names
  // no key (unresolved); anything else ("*", "alias/*") is not a KMS key identifier at all.
  'kms-key-id': (value, variable) => {
    if (KMS_KEY_ID.test(value)) return one(variable, value);
    return KMS_ALIAS.test(value) ? undefined : { rejected: 'is neither a key ID nor an alias name' };
  },
  // CopyObject copySource: "bucket/key" (URL-encoded, optional ?versionId=).
  's3-copy-source-bucket': (value, variable) => {
    const [bucket] = splitCopySource(value) ?? [];
    return bucket ? one(variable, bucket) : { rejected: 'is not "bucket/key"' };
  },
  's3-copy-source-key': (value, variable) => {
    const [, key] = splitCopySource(value) ?? [];
    return key ? one(variable, key) : { rejected: 'is not "bucket/key"' };
  },
};

const queueUrls = boundedMemo((value: string): TransformResult => {
  const values = queueUrlValues(value);
  return values ? { values } : { rejected: 'is not an SQS queue URL' };
}, 1_000);

// https://sqs.eu-west-1.amazonaws.com/123456789012/name, https://eu-west-1.queue.amazonaws.com/..., legacy queue.amazonaws.com
function queueUrlValues(value: string): Record<string, TemplateValue> | undefined {
  const url = safeUrl(value);
  if (!url) return undefined;
  const [, account, name, ...rest] = url.pathname.split('/');
  if (!account || !name || rest.length > 0) return undefined;
  const region =
    /^sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(url.hostname)?.[1] ??
    /^([a-z0-9-]+)\.queue\.amazonaws\.com(?:\.cn)?$/.exec(url.hostname)?.[1];
  const queueName = safeDecode(name);
  if (queueName === undefined) return undefined;
  const values: Record<string, TemplateValue> = { QueueName: queueName, Account: account };
  if (region) values['Region'] = region;
  return values;
}

function splitCopySource(value: string): [string, string] | undefined {
  let text = value.replace(/\?versionId=.*$/, '');
  try {
    text = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  const slash = text.replace(/^\//, '').indexOf('/');
  const trimmed = text.replace(/^\//, '');
  if (slash <= 0) return undefined;
  return [trimmed.slice(0, slash), trimmed.slice(slash + 1)];
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
