import { field, list } from '../current/document.ts';
import nameFormats from '../catalog/data/name-formats.json' with { type: 'json' };
import { isRoleArn } from '../ingest/principal.ts';
import type { Arn } from '../model/identifiers.ts';

/** A function and its execution role (from `lambda list-functions` or `get-function-configuration`). */
export interface FunctionEntry {
  name: string;
  arn: Arn;
  role: Arn;
  /** `VpcConfig` when the function is attached to a VPC (it names at least one subnet). */
  vpc?: { subnets: string[]; securityGroups: string[] };
  /** `LoggingConfig.LogGroup`: the group the runtime writes to, when the entry gives a valid one. */
  logGroup?: string;
}

/** An event source mapping: a queue, stream or broker the function polls (`list-event-source-mappings`). */
export interface MappingEntry {
  functionArn: Arn;
  eventSourceArn: string;
  state: string;
}

/** A function URL and its auth type (`get-function-url-config`, `list-function-url-configs`). */
export interface UrlEntry {
  functionArn: Arn;
  authType: 'NONE' | 'AWS_IAM';
}

/** One statement of a function's resource-based policy (`lambda get-policy`), as read. */
export interface PolicyGrantEntry {
  functionArn: Arn;
  sid: string;
  principal: { kind: 'any' } | { kind: 'service'; service: string } | { kind: 'account'; account: string };
  actions: string[];
  /** Condition keys present (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, lambda:FunctionUrlAuthType). */
  conditionKeys: string[];
  /** Values of lambda:FunctionUrlAuthType conditions, if any. */
  urlAuthTypes: string[];
}

/** Everything read from the Lambda inputs; problems name the input and entry. */
export interface LambdaConfig {
  functions: FunctionEntry[];
  mappings: MappingEntry[];
  urls: UrlEntry[];
  grants: PolicyGrantEntry[];
  problems: string[];
}

export const EMPTY_LAMBDA_CONFIG: LambdaConfig = {
  functions: [],
  mappings: [],
  urls: [],
  grants: [],
  problems: [],
};

// Lambda function ARN (optionally with a version or alias qualifier).
const FUNCTION_ARN =
  /^arn:aws(?:-[a-z]+)*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?$/;

/** The unqualified function ARN, or undefined when `value` is not one. */
export function functionArnOf(value: unknown): Arn | undefined {
  if (typeof value !== 'string' || value.length > 300 || !FUNCTION_ARN.test(value)) return undefined;
  const parts = value.split(':');
  return parts.slice(0, 7).join(':') as Arn;
}

/**
 * One Lambda JSON input, recognised by its shape: `list-functions` (`Functions`),
 * `list-event-source-mappings` (`EventSourceMappings`), `list-function-url-configs`
 * (`FunctionUrlConfigs`), `get-function-url-config` (`FunctionUrl` + `AuthType`), `get-policy`
 * (`Policy`, a JSON string). Entries with missing or malformed fields are reported and skipped. Pure.
 */
export function lambdaConfigFrom(data: unknown, origin: string): LambdaConfig {
  const out: LambdaConfig = { functions: [], mappings: [], urls: [], grants: [], problems: [] };
  if (Array.isArray(field(data, 'Functions'))) readFunctions(data, origin, out);
  else if (Array.isArray(field(data, 'EventSourceMappings'))) readMappings(data, origin, out);
  else if (Array.isArray(field(data, 'FunctionUrlConfigs')))
    list(field(data, 'FunctionUrlConfigs')).forEach((u, i) =>
      readUrl(u, `${origin}: FunctionUrlConfigs/${i}`, out),
    );
  else if (field(data, 'FunctionUrl') !== undefined) readUrl(data, origin, out);
  else if (field(data, 'Policy') !== undefined) readPolicy(field(data, 'Policy'), origin, out);
  else if (field(data, 'FunctionArn') !== undefined && field(data, 'Role') !== undefined)
    readFunctions({ Functions: [data] }, origin, out);
  else
    out.problems.push(
      `${origin}: not list-functions, get-function-configuration, list-event-source-mappings, list-function-url-configs, get-function-url-config or get-policy output`,
    );
  return out;
}

function readFunctions(data: unknown, origin: string, out: LambdaConfig): void {
  list(field(data, 'Functions')).forEach((f, i) => {
    const arn = functionArnOf(field(f, 'FunctionArn'));
    const role = field(f, 'Role');
    const name = field(f, 'FunctionName');
    if (!arn || typeof role !== 'string' || !isRoleArn(role) || typeof name !== 'string')
      out.problems.push(
        `${origin}: Functions/${i}: needs FunctionName, a function FunctionArn and a role ARN in Role; skipped`,
      );
    else
      out.functions.push({
        name: arn.slice(arn.lastIndexOf(':') + 1),
        arn,
        role,
        ...vpcOf(field(f, 'VpcConfig')),
        ...logGroupOf(field(f, 'LoggingConfig')),
      });
  });
}

// EC2 IDs as the EC2 API writes them; anything else is not used to scope a grant.
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
const LOG_GROUP = new RegExp(nameFormats.formats.LogGroupName);

/** A VPC attachment: Lambda lists `VpcConfig` with empty `SubnetIds` for a function outside any VPC. */
function vpcOf(config: unknown): Pick<FunctionEntry, 'vpc'> {
  const subnets = strings(field(config, 'SubnetIds'));
  if (subnets.length === 0) return {};
  const securityGroups = strings(field(config, 'SecurityGroupIds'));
  // An ID of the wrong shape leaves the type unscoped (`subnet/*`) rather than naming a forged value.
  return {
    vpc: {
      subnets: subnets.every((s) => SUBNET_ID.test(s)) ? [...new Set(subnets)].sort() : ['*'],
      securityGroups:
        securityGroups.length > 0 && securityGroups.every((g) => SECURITY_GROUP_ID.test(g))
          ? [...new Set(securityGroups)].sort()
          : ['*'],
    },
  };
}

function logGroupOf(config: unknown): Pick<FunctionEntry, 'logGroup'> {
  const group = field(config, 'LogGroup');
  return typeof group === 'string' && LOG_GROUP.test(group) ? { logGroup: group } : {};
}

function readMappings(data: unknown, origin: string, out: LambdaConfig): void {
  list(field(data, 'EventSourceMappings')).forEach((m, i) => {
    const functionArn = functionArnOf(field(m, 'FunctionArn'));
    const source = field(m, 'EventSourceArn');
    const state = field(m, 'State');
    // Self-managed Kafka has no EventSourceArn; it is still outside input.
    const eventSourceArn = typeof source === 'string' && source.startsWith('arn:') ? source : 'self-managed';
    if (!functionArn)
      out.problems.push(`${origin}: EventSourceMappings/${i}: no function FunctionArn; skipped`);
    else
      out.mappings.push({
        functionArn,
        eventSourceArn,
        state: typeof state === 'string' ? state : 'Unknown',
      });
  });
}

function readUrl(u: unknown, where: string, out: LambdaConfig): void {
  const functionArn = functionArnOf(field(u, 'FunctionArn'));
  const authType = field(u, 'AuthType');
  if (!functionArn || (authType !== 'NONE' && authType !== 'AWS_IAM'))
    out.problems.push(`${where}: needs a function FunctionArn and AuthType NONE or AWS_IAM; skipped`);
  else out.urls.push({ functionArn, authType });
}

function readPolicy(policy: unknown, origin: string, out: LambdaConfig): void {
  let document: unknown = policy;
  if (typeof policy === 'string') {
    try {
      document = JSON.parse(policy);
    } catch {
      out.problems.push(`${origin}: Policy is not JSON; skipped`);
      return;
    }
  }
  const statements = field(document, 'Statement');
  (Array.isArray(statements) ? statements : [statements]).forEach((s, i) => {
    const grants = readStatement(s);
    if (typeof grants === 'string') out.problems.push(`${origin}: Statement/${i}: ${grants}; skipped`);
    else out.grants.push(...grants);
  });
}

function readStatement(s: unknown): PolicyGrantEntry[] | string {
  // A Deny only narrows who may invoke; ignoring it can over-state exposure, never hide it.
  if (field(s, 'Effect') === 'Deny') return [];
  if (field(s, 'Effect') !== 'Allow') return 'Effect is neither Allow nor Deny';
  const resources = strings(field(s, 'Resource'));
  const functionArn = resources.map(functionArnOf).find((a) => a !== undefined);
  if (!functionArn) return 'Resource names no function ARN';
  const principals = principalsOf(field(s, 'Principal'));
  if (principals.length === 0) return 'Principal is not "*", a service or an account';
  const condition = field(s, 'Condition');
  const conditionKeys: string[] = [];
  const urlAuthTypes: string[] = [];
  if (typeof condition === 'object' && condition !== null)
    for (const block of Object.values(condition as Record<string, unknown>))
      if (typeof block === 'object' && block !== null)
        for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
          conditionKeys.push(key.toLowerCase());
          if (key.toLowerCase() === 'lambda:functionurlauthtype') urlAuthTypes.push(...strings(value));
        }
  const sid = field(s, 'Sid');
  return principals.map((principal) => ({
    functionArn,
    sid: typeof sid === 'string' ? sid : '',
    principal,
    actions: strings(field(s, 'Action')),
    conditionKeys: [...new Set(conditionKeys)].sort(),
    urlAuthTypes,
  }));
}

/** Every principal named; an AWS value that is neither "*" nor an account counts as "*" (never under-stated). */
function principalsOf(p: unknown): PolicyGrantEntry['principal'][] {
  if (p === '*') return [{ kind: 'any' }];
  const out: PolicyGrantEntry['principal'][] = strings(field(p, 'Service')).map((service) => ({
    kind: 'service' as const,
    service,
  }));
  for (const aws of strings(field(p, 'AWS'))) {
    const account = /^(?:arn:aws(?:-[a-z]+)*:iam::)?(\d{12})(?::|$)/.exec(aws)?.[1];
    out.push(account ? { kind: 'account', account } : { kind: 'any' });
  }
  return out;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Several inputs as one. A function listed twice with different roles is reported and kept under both,
 * so its exposure counts for each role (never hidden by a conflicting entry).
 */
export function mergeLambdaConfigs(parts: readonly LambdaConfig[]): LambdaConfig {
  const functions = new Map<string, FunctionEntry>();
  const problems: string[] = [];
  for (const f of parts.flatMap((p) => p.functions)) {
    const prior = [...functions.values()].find((g) => g.arn === f.arn);
    if (prior && prior.role !== f.role)
      problems.push(
        `${f.arn} is listed with roles ${prior.role} and ${f.role}; its exposure counts for both`,
      );
    functions.set(`${f.arn} ${f.role}`, f);
  }
  return {
    functions: [...functions.values()],
    mappings: parts.flatMap((p) => p.mappings),
    urls: parts.flatMap((p) => p.urls),
    grants: parts.flatMap((p) => p.grants),
    problems: [...parts.flatMap((p) => p.problems), ...problems],
  };
}
