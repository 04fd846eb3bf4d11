import type { IamAction } from '../model/identifiers.ts';
import type { Catalog } from './catalog.ts';
import rules from './data/event-actions.json' with { type: 'json' };
import permissionless from './data/permissionless.json' with { type: 'json' };
import prefixes from './data/service-prefixes.json' with { type: 'json' };
import { EXPANDERS, type ExpandedCall } from './expanders.ts';

/** One IAM action a call needs, with the parameter renames that locate its resource. */
export interface MappedCall {
  action: IamAction;
  params?: Readonly<Record<string, unknown>>;
  paramRenames?: Readonly<Record<string, string>>;
}

export type CallMapping =
  { kind: 'mapped'; calls: MappedCall[] } | { kind: 'permissionless' } | { kind: 'unmapped' };

interface RuleAction {
  action: string;
  params?: Record<string, string>;
}
interface Rule {
  actions: RuleAction[];
  expand?: string;
}

const RULES = rules.rules as Record<string, Rule>;
const VERSION_SUFFIX = new RegExp(rules.versionSuffix.pattern);
const CLOUDTRAIL_PREFIXES = prefixes.cloudtrail as Record<string, string>;
const SDK_PREFIXES = prefixes.sdk as Record<string, string>;
const PERMISSIONLESS = new Set(permissionless.actions.map((a) => a.toLowerCase()));
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/;

/** IAM prefix for a CloudTrail eventSource (`monitoring.amazonaws.com` -> `cloudwatch`), or undefined. */
export function prefixForEventSource(eventSource: string): string | undefined {
  const host = eventSource.toLowerCase().replace(/\.amazonaws\.com(?:\.cn)?$/, '');
  if (!SERVICE_NAME.test(host) || permissionless.eventSources.includes(eventSource)) return undefined;
  return CLOUDTRAIL_PREFIXES[host] ?? host.split('.')[0];
}

/** Event sources whose calls need no IAM permission (console sign-in). */
export function isPermissionlessSource(eventSource: string): boolean {
  return permissionless.eventSources.includes(eventSource);
}

/** IAM prefix for an SDK / X-Ray / OTel service name (`DynamoDB`, `CloudWatch Logs`, `sfn`). */
export function prefixForSdkService(name: string): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key === '') return undefined;
  return SDK_PREFIXES[key] ?? key;
}

/**
 * Maps an API operation (CloudTrail eventName or SDK operation) of a service to the IAM actions it
 * needs. Only actions that exist in the catalog come out; anything else is `unmapped`.
 * The catalog must have `prefix` loaded.
 */
export function mapOperation(
  catalog: Catalog,
  prefix: string,
  operation: string,
  params: Readonly<Record<string, unknown>>,
): CallMapping {
  if (!catalog.service(prefix) || !/^[A-Za-z0-9_]{1,128}$/.test(operation)) return { kind: 'unmapped' };
  const key = `${prefix}:${operation}`;
  if (PERMISSIONLESS.has(key.toLowerCase())) return { kind: 'permissionless' };
  const rule = RULES[key];
  if (rule) return fromCalls(catalog, ruleCalls(rule, params));
  const direct = catalog.action(prefix, operation);
  if (direct) return { kind: 'mapped', calls: [{ action: direct.action }] };
  const stripped = VERSION_SUFFIX.exec(operation)?.[1];
  const versioned = stripped ? catalog.action(prefix, stripped) : undefined;
  if (versioned) return { kind: 'mapped', calls: [{ action: versioned.action }] };
  return { kind: 'unmapped' };
}

function ruleCalls(rule: Rule, params: Readonly<Record<string, unknown>>): MappedCall[] {
  const expanded: ExpandedCall[] = rule.expand ? (EXPANDERS[rule.expand]?.(params) ?? []) : [];
  return [
    ...expanded,
    ...rule.actions.map((a) => ({
      action: a.action as IamAction,
      ...(a.params ? { paramRenames: a.params } : {}),
    })),
  ];
}

/** Keeps only catalog actions in canonical case; an empty result is unmapped, never a guess. */
function fromCalls(catalog: Catalog, calls: MappedCall[]): CallMapping {
  const known = calls.flatMap((c) => {
    const info = catalog.actionOf(c.action);
    return info ? [{ ...c, action: info.action }] : [];
  });
  return known.length > 0 ? { kind: 'mapped', calls: known } : { kind: 'unmapped' };
}

/** Every IAM action the rule data names (for the data test). */
export function ruleActions(): string[] {
  return Object.values(RULES).flatMap((r) => r.actions.map((a) => a.action));
}

/** Service prefixes the rules and renames point to. */
export function ruleTargetPrefixes(): string[] {
  return [...new Set([...Object.values(CLOUDTRAIL_PREFIXES), ...Object.values(SDK_PREFIXES)])];
}
