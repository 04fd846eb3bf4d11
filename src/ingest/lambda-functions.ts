import nameFormats from '../catalog/data/name-formats.json' with { type: 'json' };
import { partitionForRegion } from '../catalog/partition.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import type { LearnedPair } from './function-roles.ts';

/** How a role was recognised as a Lambda execution role (each is stated in the report). */
export type LambdaEvidence =
  | 'assumed-by-lambda' // Lambda's own sts:AssumeRole of the role, session named after the function
  | 'lambda-user-agent' // the role's calls carry `exec-env/AWS_Lambda_*` user agents
  | 'trace' // a traced function was attributed to the role
  | 'log-group' // a session named F wrote to `/aws/lambda/F`
  | 'function-config' // Lambda's configuration of the function names the role (--lambda, --resolve-roles)
  | 'trust-policy'; // the role's trust policy lets only lambda.amazonaws.com assume it (--iam): its sessions are functions

/**
 * A function's configuration as Lambda holds it (`GetFunctionConfiguration` / `list-functions`, and
 * the `EventSourceArn` of its `ListEventSourceMappings` entries). Read at the edge; checked here again.
 */
export interface FunctionConfig {
  /** The unqualified function ARN. */
  arn: string;
  role: Arn;
  /** `LoggingConfig.LogGroup`, when set. */
  logGroup?: string;
  /** `VpcConfig` when the function is attached to a VPC ("*" for an ID of the wrong shape). */
  vpc?: { subnets: readonly string[]; securityGroups: readonly string[] };
  /** Event sources Lambda polls for the function (queue, stream ARNs). */
  eventSources: readonly string[];
}

/** What the run knows of the functions beyond the evidence (both optional: inputs only then). */
export interface FunctionKnowledge {
  configs?: readonly FunctionConfig[];
  /** Roles whose trust policy lets only Lambda assume them. */
  lambdaOnlyTrust?: ReadonlySet<string>;
}

/** One Lambda function known to run with a role, and what is known of its configuration. */
export interface LambdaFunction {
  role: Arn;
  name: string;
  partition: string;
  region: string;
  account: string;
  evidence: LambdaEvidence[];
  /** Log groups the runtime writes to: its logging config, else observed, else `/aws/lambda/<name>`. */
  logGroups: string[];
  logGroupFrom: 'config' | 'observed' | 'default';
  /** X-Ray segments of the role's calls were read: tracing is on. */
  tracing: boolean;
  /** Its VPC attachment, when its configuration was read and names one. */
  vpc?: { subnets: string[]; securityGroups: string[] };
  /** The event sources Lambda polls for it, when its mappings were read (sorted). */
  eventSources?: string[];
}

/** A traced function attributed to a role (from the trace report). */
export interface TracedRole {
  name: string;
  functionArn?: string;
  role: Arn;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const LOG_GROUP = new RegExp(nameFormats.formats.LogGroupName);
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const LOG_WRITES = new Set(['logs:CreateLogStream', 'logs:PutLogEvents']);

/**
 * The Lambda functions behind each role, from what the run saw: Lambda assuming the role, Lambda
 * runtime user agents, traces, and sessions that wrote to their own `/aws/lambda/<session>` group.
 * A session name alone proves nothing (anyone can name a session); it counts only with one of these.
 * Names and regions are untrusted: only valid function names, log group names and regions are kept.
 */
export function lambdaFunctions(
  pairs: readonly LearnedPair[],
  traced: readonly TracedRole[],
  facts: readonly Fact[],
  known: FunctionKnowledge = {},
): LambdaFunction[] {
  const found = new Map<string, LambdaFunction>();
  const groups = observedLogGroups(facts);
  const tracedRoles = new Set(facts.filter((f) => f.sources.includes('xray')).map((f) => f.principal));
  const add = (role: Arn, name: string, region: string, evidence: LambdaEvidence) => {
    if (!FUNCTION_NAME.test(name) || !REGION.test(region)) return;
    const key = `${role}\u0000${region}\u0000${name}`;
    const known = found.get(key);
    if (known) {
      if (!known.evidence.includes(evidence)) known.evidence = [...known.evidence, evidence].sort();
      return;
    }
    const account = role.split(':')[4]!;
    const own = groups.get(`${role}\u0000${region}`) ?? [];
    found.set(key, {
      role,
      name,
      partition: partitionForRegion(region),
      region,
      account,
      evidence: [evidence],
      logGroups: own.includes(`/aws/lambda/${name}`) ? [`/aws/lambda/${name}`] : [],
      logGroupFrom: 'observed',
      tracing: tracedRoles.has(role),
    });
  };
  for (const p of pairs) {
    const regions = p.regions ?? [];
    for (const region of regions) {
      if (p.assumed) add(p.role, p.session, region, 'assumed-by-lambda');
      if (p.lambda) add(p.role, p.session, region, 'lambda-user-agent');
      const ownGroup = groups.get(`${p.role}\u0000${region}`)?.includes(`/aws/lambda/${p.session}`);
      if (!p.assumed && !p.lambda && ownGroup) add(p.role, p.session, region, 'log-group');
      // Only Lambda can assume the role, so each of its sessions is a function named by the session.
      if (known.lambdaOnlyTrust?.has(p.role)) add(p.role, p.session, region, 'trust-policy');
    }
  }
  for (const t of traced) {
    const region = t.functionArn?.split(':')[3];
    if (region) add(t.role, t.name, region, 'trace');
  }
  const configs = new Map<string, FunctionConfig>();
  for (const c of known.configs ?? []) {
    const parts = FUNCTION_ARN.exec(c.arn);
    if (!parts) continue;
    add(c.role, parts[2]!, parts[1]!, 'function-config');
    configs.set(`${c.role}\u0000${parts[1]}\u0000${parts[2]}`, c);
  }
  return [...found.entries()]
    .map(([key, f]) => withConfig(f, configs.get(key)))
    .map((f) => withLogGroups(f, found, groups))
    .sort(byKey);
}

const FUNCTION_ARN = /^arn:aws(?:-[a-z]+)*:lambda:([a-z0-9-]+):\d{12}:function:([A-Za-z0-9_-]{1,64})$/;
const VPC_ID = /^(?:subnet-|sg-)[0-9a-f]{8,17}$|^\*$/;
// An event source Lambda polls with the role: an SQS queue, a Kinesis stream or a DynamoDB table stream.
const EVENT_SOURCE =
  /^arn:aws(?:-[a-z]+)*:(?:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(?:\.fifo)?|kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}|dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}\/stream\/[A-Za-z0-9_.:-]{1,64})$/;

/** IDs of the EC2 shape, sorted; one of another shape (or none) leaves the type unscoped: `*`. */
function checkedIds(ids: readonly string[]): string[] {
  return ids.length > 0 && ids.every((id) => VPC_ID.test(id)) ? [...new Set(ids)].sort() : ['*'];
}

/** What the function's configuration says, over what the evidence suggested. Untrusted values are re-checked. */
function withConfig(f: LambdaFunction, c: FunctionConfig | undefined): LambdaFunction {
  if (!c) return f;
  const group = c.logGroup !== undefined && LOG_GROUP.test(c.logGroup) ? c.logGroup : undefined;
  const vpc =
    c.vpc && c.vpc.subnets.length > 0
      ? {
          subnets: checkedIds(c.vpc.subnets),
          securityGroups: checkedIds(c.vpc.securityGroups),
        }
      : undefined;
  return {
    ...f,
    ...(group ? { logGroups: [group], logGroupFrom: 'config' as const } : {}),
    ...(vpc ? { vpc } : {}),
    eventSources: [...new Set(c.eventSources.filter((e) => EVENT_SOURCE.test(e)))].sort(),
  };
}

/**
 * A function's log groups: its own `/aws/lambda/<name>` when the role wrote there; else, when it is
 * the role's only function in the region, the groups the role created streams in (a custom logging
 * config); else the default group.
 */
function withLogGroups(
  f: LambdaFunction,
  all: ReadonlyMap<string, LambdaFunction>,
  groups: ReadonlyMap<string, string[]>,
): LambdaFunction {
  if (f.logGroups.length > 0) return f;
  const siblings = [...all.values()].filter((g) => g.role === f.role && g.region === f.region);
  const own = groups.get(`${f.role}\u0000${f.region}`) ?? [];
  const unclaimed = own.filter((g) => !siblings.some((s) => g === `/aws/lambda/${s.name}`));
  if (siblings.length === 1 && unclaimed.length > 0) return { ...f, logGroups: unclaimed };
  return { ...f, logGroups: [`/aws/lambda/${f.name}`], logGroupFrom: 'default' };
}

/** role + region -> the log groups the role created streams in or wrote to (sorted). */
function observedLogGroups(facts: readonly Fact[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const f of facts) {
    if (f.inferred || !LOG_WRITES.has(f.action) || f.resources === '*') continue;
    for (const arn of f.resources) {
      const parts = arn.split(':');
      const [region, group] = [parts[3] ?? '', parts[6] ?? ''];
      if (parts[2] !== 'logs' || parts[5] !== 'log-group' || !LOG_GROUP.test(group)) continue;
      const key = `${f.principal}\u0000${region}`;
      out.set(key, (out.get(key) ?? new Set()).add(group));
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

function byKey(a: LambdaFunction, b: LambdaFunction): number {
  const ka = `${a.role}\u0000${a.region}\u0000${a.name}`;
  const kb = `${b.role}\u0000${b.region}\u0000${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
