import { boundedMemo } from '../bounded-memo.ts';
import { escapeIamValue, type TemplateValue } from './arn-template.ts';

/**
 * Named transforms from a request-parameter value to ARN-template variables, referenced by
 * `data/resource-parameters.json` as `param:transform`. Each returns undefined when the value does not fit.
 * A result may be shared between calls: do not modify it.
 */
export type ValueTransform = (
  value: string,
  variable: string,
) => Readonly<Record<string, TemplateValue>> | undefined;

export const VALUE_TRANSFORMS: Record<string, ValueTransform> = {
  // A record's queue URL is nearly always one of a few: parse each once (URL parsing is costly).
  'sqs-queue-url': (value) => queueUrls(value),
  'strip-leading-slash': (value, variable) => ({ [variable]: value.replace(/^\//, '') }),
  // GetParametersByPath is authorized on the path itself (parameter/reporting for "/reporting/").
  'ssm-path': (value, variable) => {
    const path = value.replace(/^\/+/, '').replace(/\/+$/, '');
    return path ? { [variable]: path } : undefined;
  },
  'strip-alias-prefix': (value, variable) => ({ [variable]: value.replace(/^alias\//, '') }),
  // A secret's ARN ends in "-" and six random characters AWS appends to its name (Secrets Manager User
  // Guide, "Secret ARN"); a name alone can only be matched with that documented suffix pattern.
  'secretsmanager-secret-id': (value, variable) => ({
    [variable]: { pattern: `${escapeIamValue(value)}-??????` },
  }),
  // KMS keyId is a key ID, a key ARN (matched as an ARN before transforms run) or an alias (not a key).
  'kms-key-id': (value, variable) =>
    /^(?:mrk-)?[0-9a-f-]{32,36}$/i.test(value) ? { [variable]: value } : undefined,
  // CopyObject copySource: "bucket/key" (URL-encoded, optional ?versionId=).
  's3-copy-source-bucket': (value, variable) => {
    const [bucket] = splitCopySource(value) ?? [];
    return bucket ? { [variable]: bucket } : undefined;
  },
  's3-copy-source-key': (value, variable) => {
    const [, key] = splitCopySource(value) ?? [];
    return key ? { [variable]: key } : undefined;
  },
};

const queueUrls = boundedMemo(queueUrlValues, 1_000);

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
