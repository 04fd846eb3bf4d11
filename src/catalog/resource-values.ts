import { boundedMemo } from '../bounded-memo.ts';
import { escapeIamValue, type TemplateValue } from './arn-template.ts';
import ec2Ids from './data/ec2-resource-ids.json' with { type: 'json' };

/**
 * What a transform makes of a value: the variables it gives, `rejected` when the value cannot be what
 * the parameter holds (the call is then malformed, never widened), or undefined when it fits another
 * resource type (a KMS alias is not a key).
 */
export type TransformResult =
  /** One assignment per resource the value names (an SES sender: its address and its domain). */
  { values: readonly Readonly<Record<string, TemplateValue>>[] } | { rejected: string } | undefined;

/**
 * Named transforms from a request-parameter value to ARN-template variables, referenced by
 * `data/resource-parameters.json` as `param:transform`. A result may be shared between calls: do not
 * modify it.
 */
export type ValueTransform = (value: string, variable: string) => TransformResult;

const one = (variable: string, value: TemplateValue): TransformResult => ({
  values: [{ [variable]: value }],
});

// KMS key IDs are UUIDs (multi-Region keys: "mrk-" and 32 hex digits); alias names take
// [A-Za-z0-9/_-] after "alias/" (KMS API reference, CreateAlias AliasName).
// CloudFormation stack names: a letter, then letters, digits and hyphens, up to 128 characters.
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const KMS_KEY_ID = /^(?:mrk-)?[0-9a-f-]{32,36}$/i;
const KMS_ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

const EC2_ID_PREFIXES = ec2Ids.prefixes as Record<string, string>;
const EC2_ID_BODY = /^[0-9A-Za-z]{1,40}$/;
// Route 53 returns zone IDs as "/hostedzone/Z..." and takes them with or without that prefix.
const HOSTED_ZONE_ID = /^(?:\/hostedzone\/)?([A-Z0-9]{1,32})$/;
// "Name <local@domain>" or a bare address (SES API reference, SendEmail Source).
const SES_SENDER =
  /^(?:[^<>]*<)?([^\s<>@]{1,64})@([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z0-9-]{1,63})>?$/;

export const VALUE_TRANSFORMS: Record<string, ValueTransform> = {
  // Only an ARN fits (matched against the template before transforms run): a bare value says nothing.
  'arn-only': () => undefined,
  // An EC2 resource ID fills only the variable of its own type (i-... an instance, vol-... a volume).
  'ec2-resource-id': (value, variable) => {
    const prefix = Object.hasOwn(EC2_ID_PREFIXES, variable) ? EC2_ID_PREFIXES[variable] : undefined;
    if (!prefix || !value.startsWith(`${prefix}-`)) return undefined;
    return EC2_ID_BODY.test(value.slice(prefix.length + 1)) ? one(variable, value) : undefined;
  },
  'route53-hosted-zone-id': (value, variable) => {
    const id = HOSTED_ZONE_ID.exec(value)?.[1];
    return id ? one(variable, id) : { rejected: 'is not a hosted zone ID' };
  },
  // SES authorizes a send on the sending identity, which is the address or its domain, whichever was
  // verified (SES Developer Guide, "Controlling access to Amazon SES": identity ARNs): the record cannot
  // tell which, so both are listed.
  'ses-sender': (value, variable) => {
    const m = SES_SENDER.exec(value.trim());
    if (!m) return { rejected: 'is not an email address' };
    const domain = m[2]!;
    return { values: [{ [variable]: `${m[1]!}@${domain}` }, { [variable]: domain }] };
  },
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
  // A stack's ARN ends in a unique ID AWS assigns (CloudFormation User Guide, stack ARN
  // stack/<name>/<id>); a name alone is matched with any ID.
  'cloudformation-stack-name': (value, variable) =>
    STACK_NAME.test(value)
      ? { values: [{ [variable]: value, Id: { pattern: '*' } }] }
      : { rejected: 'is not a stack name' },
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
  return values ? { values: [values] } : { rejected: 'is not an SQS queue URL' };
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
