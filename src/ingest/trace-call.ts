import type { Catalog } from '../catalog/catalog.ts';
import { mapOperation, prefixForSdkService } from '../catalog/event-mapping.ts';
import { partitionForRegion } from '../catalog/partition.ts';
import { resolveResources } from '../catalog/resolve-resources.ts';
import type { Arn } from '../model/identifiers.ts';
import type { SkipReason } from '../model/skip-reason.ts';
import type { EvidenceSource, Observation, Origin } from '../model/observation.ts';
import { callContext } from './call-context.ts';
import { outcomeOf, reportedErrorCode } from './outcome.ts';
import { skipped, type RecordResult, type UnresolvedResource } from './record-result.ts';
import { dedupeObservations } from './dedupe-observations.ts';

/** What a trace says about who made its calls: a function (or another traced service) by name. */
export interface TraceSubject {
  /** Function name (or the traced service's name when it is not a Lambda function). */
  name: string;
  /** Unqualified function ARN, when the trace gives it. */
  functionArn?: string;
  account?: string;
  region?: string;
}

/** One AWS SDK call read from a trace (X-Ray subsegment or OTel span), before mapping. */
export interface SdkCall {
  /** SDK / X-Ray service name (`DynamoDB`, `Secrets Manager`, `runtime.sagemaker`). */
  service: string;
  /** SDK operation in PascalCase (`GetItem`, `ListObjectsV2`). */
  operation: string;
  /** Request parameters in the resolver's camelCase names; one set per resource (batch calls). */
  paramSets: Readonly<Record<string, unknown>>[];
  region?: string;
  account?: string;
  /** The error the call ended with (exception type, `AccessDenied` for HTTP 403), if any. */
  errorCode?: string;
  time?: string;
  origin: Origin;
  source: Exclude<EvidenceSource, 'cloudtrail'>;
}

/** Why a trace call gave no observation, beyond the CloudTrail skip reasons. */
export type TraceSkipReason = Extract<SkipReason, 'no-region' | 'resource-not-in-trace'>;

/** A trace call's result: a record result, or a trace-specific skip. */
export type CallResult = RecordResult | { kind: 'trace-skipped'; reason: TraceSkipReason; detail: string };

/** Principal of observations not yet attributed to a role; replaced before they reach the store. */
export const UNATTRIBUTED: Arn = 'arn:aws:iam::000000000000:role/tightrole-unattributed';

/** The IAM prefix a call needs loaded in the catalog. */
export function sdkCallPrefix(call: Pick<SdkCall, 'service'>): string | undefined {
  return prefixForSdkService(call.service);
}

/**
 * One SDK call -> observations (principal {@link UNATTRIBUTED}), mapped with the same catalog and
 * exception data as CloudTrail. Calls whose resource the trace does not name are skipped and counted,
 * never widened to `"*"` (X-Ray records resources only for whitelisted parameters). Pure.
 */
export function observeSdkCall(
  call: SdkCall,
  catalog: Catalog,
  window: { since?: string; until?: string },
): CallResult {
  if (!call.time) return skipped('malformed-record', 'the call has no valid start time');
  if ((window.since && call.time < window.since) || (window.until && call.time > window.until))
    return skipped('outside-time-window', call.time);
  const prefix = sdkCallPrefix(call);
  const eventSource = `${prefix ?? call.service}.amazonaws.com`;
  const first = call.paramSets[0] ?? {};
  const mapping = prefix ? mapOperation(catalog, prefix, call.operation, first) : undefined;
  if (!mapping || mapping.kind === 'unmapped')
    return { kind: 'unmapped', eventSource, eventName: call.operation };
  if (mapping.kind === 'permissionless') return skipped('permissionless', `${eventSource} ${call.operation}`);
  if (!call.region)
    return { kind: 'trace-skipped', reason: 'no-region', detail: `${call.service} ${call.operation}` };
  const observations: Observation[] = [];
  const unresolved: UnresolvedResource[] = [];
  for (const params of call.paramSets.length > 0 ? call.paramSets : [{}]) {
    const own = mapOperation(catalog, prefix!, call.operation, params);
    if (own.kind !== 'mapped') continue;
    for (const mapped of own.calls) {
      const result = observe(catalog, call, mapped, params);
      if ('reason' in result) unresolved.push({ action: mapped.action, reason: result.reason });
      else if ('malformed' in result) return skipped('malformed-resource', result.malformed);
      else observations.push(result.observation);
    }
  }
  if (observations.length === 0 && unresolved.length > 0) {
    const first = unresolved[0]!;
    return {
      kind: 'trace-skipped',
      reason: 'resource-not-in-trace',
      detail: `${first.action}: ${first.reason}`,
    };
  }
  return { kind: 'observations', observations: dedupeObservations(observations), unresolved };
}

type Observed = { observation: Observation } | { reason: string } | { malformed: string };

function observe(
  catalog: Catalog,
  call: SdkCall,
  mapped: {
    action: string;
    params?: Readonly<Record<string, unknown>>;
    paramRenames?: Readonly<Record<string, string | readonly string[]>>;
  },
  params: Readonly<Record<string, unknown>>,
): Observed {
  const info = catalog.actionOf(mapped.action as Observation['action']);
  if (!info) return { reason: `${mapped.action} is not in the catalog` };
  const region = call.region!;
  const merged = mapped.params ? { ...params, ...mapped.params } : params;
  const resolution = resolveResources(catalog, info, {
    partition: partitionForRegion(region),
    region,
    account: call.account ?? '',
    params: merged,
    recordArns: [],
    ...(mapped.paramRenames ? { paramRenames: mapped.paramRenames } : {}),
  });
  if (resolution.kind === 'malformed') return { malformed: `${info.action}: ${resolution.reason}` };
  if (resolution.kind === 'unresolved') return { reason: resolution.reason };
  return {
    observation: {
      principal: UNATTRIBUTED,
      action: info.action,
      resources: resolution.kind === 'resolved' ? resolution.resources : '*',
      context: callContext({}, info, region, merged),
      outcome: outcomeOf(call.errorCode),
      ...(call.errorCode ? { errorCode: reportedErrorCode(call.errorCode)! } : {}),
      source: call.source,
      time: call.time!,
      origin: call.origin,
    },
  };
}
