import type { IamAction } from '../model/identifiers.ts';
import type { Catalog } from './catalog.ts';
import rules from './data/event-actions.json' with { type: 'json' };
import permissionless from './data/permissionless.json' with { type: 'json' };
import prefixes from './data/service-prefixes.json' with { type: 'json' };
import { EXPANDERS, type ExpandedCall } from './expanders.ts';
import { own } from './own.ts';
import { compilePath, valuesAt } from './param-path.ts';
import { boundedMemo } from '../bounded-memo.ts';

/** One IAM action a call needs, with the parameter renames that locate its resource. */
export interface MappedCall {
  action: IamAction;
  params?: Readonly<Record<string, unknown>>;
  paramRenames?: Readonly<Record<string, string | readonly string[]>>;
}

export type CallMapping =
  { kind: 'mapped'; calls: readonly MappedCall[] } | { kind: 'permissionless' } | { kind: 'unmapped' };

interface RuleAction {
  action: string;
  params?: Record<string, string | string[]>;
}
interface Rule {
  actions: RuleAction[];
  expand?: string;
  each?: EachValue;
}
/** One call per value found at any of `paths`, with the value as parameter `as`. */
interface EachValue {
  paths: string[];
  as: string;
}

const RULES = rules.rules as Record<string, Rule>;
const VERSION_SUFFIX = new RegExp(rules.versionSuffix.pattern);
const CLOUDTRAIL_PREFIXES = prefixes.cloudtrail as Record<string, string>;
const SDK_PREFIXES = prefixes.sdk as Record<string, string>;
const BY_PARAMETER = prefixes.byParameter as unknown as Record<string, { param: string; prefix: string }>;
const PERMISSIONLESS = new Set(permissionless.actions.map((a) => a.toLowerCase()));
const PERMISSIONLESS_SOURCES = new Set(permissionless.eventSources);
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;
const OPERATION = /^[A-Za-z0-9_]{1,128}$/;

/**
 * Look-ups keyed by record text are memoized, but the text is untrusted: a cache is emptied when it
 * reaches this many entries, so memory never grows with the number of events. Keys longer than any
 * valid name are never cached.
 */
const MAX_CACHED = 10_000;
const MAX_CACHED_KEY = 128;

const UNMAPPED: CallMapping = { kind: 'unmapped' };
const PERMISSIONLESS_CALL: CallMapping = { kind: 'permissionless' };

const prefixBySource = boundedMemo(computePrefix, MAX_CACHED, MAX_CACHED_KEY);

/** IAM prefix for a CloudTrail eventSource (`monitoring.amazonaws.com` -> `cloudwatch`), or undefined. */
export function prefixForEventSource(eventSource: string): string | undefined {
  return prefixBySource(eventSource);
}

function computePrefix(eventSource: string): string | undefined {
  const host = eventSource.toLowerCase().replace(/\.amazonaws\.com(?:\.cn)?$/, '');
  if (!SERVICE_NAME.test(host) || PERMISSIONLESS_SOURCES.has(eventSource)) return undefined;
  return own(CLOUDTRAIL_PREFIXES, host) ?? host.split('.')[0];
}

/**
 * IAM prefix for a record's eventSource and request parameters: a few event sources log two services,
 * told apart by a parameter only one of them takes (autoscaling + serviceNamespace -> application-autoscaling).
 */
export function prefixForRecord(
  eventSource: string,
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const prefix = prefixBySource(eventSource);
  const split = prefix === undefined ? undefined : own(BY_PARAMETER, prefix);
  if (!split || !params || typeof params[split.param] !== 'string') return prefix;
  return split.prefix;
}

/** Event sources whose calls need no IAM permission (console sign-in). */
export function isPermissionlessSource(eventSource: string): boolean {
  return PERMISSIONLESS_SOURCES.has(eventSource);
}

/** IAM prefix for an SDK / X-Ray / OTel service name (`DynamoDB`, `CloudWatch Logs`, `sfn`). */
export function prefixForSdkService(name: string): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key === '') return undefined;
  return own(SDK_PREFIXES, key) ?? key;
}

/**
 * Maps an API operation (CloudTrail eventName or SDK operation) of a service to the IAM actions it
 * needs. Only actions that exist in the catalog come out; anything else is `unmapped`.
 * The catalog must have `prefix` loaded. The result may be shared between calls: do not modify it.
 */
export function mapOperation(
  catalog: Catalog,
  prefix: string,
  operation: string,
  params: Readonly<Record<string, unknown>>,
): CallMapping {
  const plan = operationPlan(catalog, prefix, operation);
  return plan.kind === 'expand' ? expandedMapping(catalog, plan, params) : plan;
}

/** An operation's mapping as far as it does not depend on the request: final, or a rule to expand. */
type OperationPlan =
  CallMapping | { kind: 'expand'; expand?: string; each?: EachValue; fixed: readonly MappedCall[] };

interface PlanCache {
  byPrefix: Map<string, Map<string, OperationPlan>>;
  size: number;
}

// Per catalog: plans hold its canonical actions, and only services it has loaded are cached.
const plans = new WeakMap<Catalog, PlanCache>();

function operationPlan(catalog: Catalog, prefix: string, operation: string): OperationPlan {
  if (operation.length > MAX_CACHED_KEY) return planOperation(catalog, prefix, operation);
  let cache = plans.get(catalog);
  if (!cache) plans.set(catalog, (cache = { byPrefix: new Map(), size: 0 }));
  let byOperation = cache.byPrefix.get(prefix);
  const hit = byOperation?.get(operation);
  if (hit) return hit;
  const plan = planOperation(catalog, prefix, operation);
  if (cache.size >= MAX_CACHED) {
    cache.byPrefix.clear();
    cache.size = 0;
    byOperation = undefined;
  }
  if (!byOperation) cache.byPrefix.set(prefix, (byOperation = new Map()));
  byOperation.set(operation, plan);
  cache.size++;
  return plan;
}

function planOperation(catalog: Catalog, prefix: string, operation: string): OperationPlan {
  if (!catalog.service(prefix) || !OPERATION.test(operation)) return UNMAPPED;
  const key = `${prefix}:${operation}`;
  if (PERMISSIONLESS.has(key.toLowerCase())) return PERMISSIONLESS_CALL;
  const rule = own(RULES, key);
  if (rule) {
    const fixed = rule.actions.map((a) => ({
      action: a.action as IamAction,
      ...(a.params ? { paramRenames: a.params } : {}),
    }));
    if (rule.expand) return { kind: 'expand', expand: rule.expand, fixed: knownCalls(catalog, fixed) };
    if (rule.each) return { kind: 'expand', each: rule.each, fixed: knownCalls(catalog, fixed) };
    return fromCalls(knownCalls(catalog, fixed));
  }
  const direct = catalog.action(prefix, operation);
  if (direct) return { kind: 'mapped', calls: [{ action: direct.action }] };
  const stripped = VERSION_SUFFIX.exec(operation)?.[1];
  const versioned = stripped ? catalog.action(prefix, stripped) : undefined;
  if (versioned) return { kind: 'mapped', calls: [{ action: versioned.action }] };
  return UNMAPPED;
}

/** A rule whose actions depend on the request body: its expanded calls come first, then the fixed ones. */
function expandedMapping(
  catalog: Catalog,
  plan: { expand?: string; each?: EachValue; fixed: readonly MappedCall[] },
  params: Readonly<Record<string, unknown>>,
): CallMapping {
  if (plan.each) return fromCalls(eachValueCalls(plan.each, plan.fixed, params));
  const expanded: ExpandedCall[] = (plan.expand && own(EXPANDERS, plan.expand)?.(params)) || [];
  return fromCalls([...knownCalls(catalog, expanded), ...plan.fixed]);
}

/** The rule's calls once per distinct value (sorted); the calls as they are when no value is found. */
function eachValueCalls(
  each: EachValue,
  calls: readonly MappedCall[],
  params: Readonly<Record<string, unknown>>,
): readonly MappedCall[] {
  const values = new Set<string>();
  for (const path of each.paths) {
    const found = valuesAt(params, compilePath(path));
    if (found.kind === 'values') for (const v of found.values) values.add(v);
  }
  if (values.size === 0) return calls;
  return [...values].sort().flatMap((value) => calls.map((c) => ({ ...c, params: { [each.as]: value } })));
}

/** Keeps only catalog actions, in canonical case. */
function knownCalls(catalog: Catalog, calls: readonly MappedCall[]): MappedCall[] {
  return calls.flatMap((c) => {
    const info = catalog.actionOf(c.action);
    return info ? [{ ...c, action: info.action }] : [];
  });
}

/** An empty result is unmapped, never a guess. */
function fromCalls(known: readonly MappedCall[]): CallMapping {
  return known.length > 0 ? { kind: 'mapped', calls: known } : UNMAPPED;
}

/** Every IAM action the rule data names (for the data test). */
export function ruleActions(): string[] {
  return Object.values(RULES).flatMap((r) => r.actions.map((a) => a.action));
}

/** Service prefixes the rules and renames point to. */
export function ruleTargetPrefixes(): string[] {
  return [...new Set([...Object.values(CLOUDTRAIL_PREFIXES), ...Object.values(SDK_PREFIXES)])];
}
