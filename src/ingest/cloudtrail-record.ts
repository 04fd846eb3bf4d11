import type { Catalog } from '../catalog/catalog.ts';
import { InternalError } from '../errors.ts';
import { isPermissionlessSource, mapOperation, prefixForRecord } from '../catalog/event-mapping.ts';
import { consumedHandle, producedHandles } from '../catalog/handles.ts';
import { partitionForRegion } from '../catalog/partition.ts';
import { recordArnsProblem } from '../catalog/record-arns.ts';
import { resolveResources, type ResourceInputs } from '../catalog/resolve-resources.ts';
import type { Arn } from '../model/identifiers.ts';
import type { Observation, Origin, Outcome } from '../model/observation.ts';
import { callContext } from './call-context.ts';
import { canPassRole, impliedKmsObservations, passRoleObservations } from './companions.ts';
import { isObject, isoTime, obj, str, type JsonObject } from './fields.ts';
import { outcomeOf, reportedErrorCode } from './outcome.ts';
import { dedupeObservations } from './dedupe-observations.ts';
import { isRoleArn } from './principal.ts';
import {
  inWindow,
  skipped,
  type RecordFilter,
  type RecordResult,
  type UnresolvedResource,
} from './record-result.ts';

/** The IAM prefix a record needs loaded in the catalog, read before parsing it. */
export function recordServicePrefix(record: unknown): string | undefined {
  const source = isObject(record) ? str(record, 'eventSource') : undefined;
  return source === undefined
    ? undefined
    : prefixForRecord(source, obj(record as JsonObject, 'requestParameters'));
}

/**
 * One CloudTrail record -> observations attributed to the role behind the session, or the one reason
 * it gives none. Pure; every field is untrusted. The record's service must be loaded in the catalog.
 */
export function parseCloudTrailRecord(
  record: unknown,
  catalog: Catalog,
  origin: Origin,
  filter: RecordFilter,
): RecordResult {
  try {
    return parseRecord(record, catalog, origin, filter);
  } catch (error) {
    // Last line of defence: no record, however crafted, may stop the run. A bug in tightrole
    // (InternalError) still propagates.
    if (error instanceof InternalError) throw error;
    return skipped('malformed-record', `could not be read: ${(error as Error).message}`);
  }
}

const NO_PARAMS: JsonObject = Object.freeze({});
const NO_ARNS: readonly string[] = Object.freeze([]);

function parseRecord(record: unknown, catalog: Catalog, origin: Origin, filter: RecordFilter): RecordResult {
  if (!isObject(record)) return skipped('not-an-object', 'a record must be a JSON object');
  const eventType = str(record, 'eventType');
  if (eventType !== undefined && eventType !== 'AwsApiCall') return skipped('not-an-api-call', eventType);
  const eventSource = str(record, 'eventSource');
  const eventName = str(record, 'eventName');
  const time = isoTime(record['eventTime']);
  const region = str(record, 'awsRegion');
  if (!eventSource || !eventName || !time || !region) {
    return skipped('malformed-record', 'eventSource, eventName, eventTime and awsRegion must be strings');
  }
  const principal = principalOf(record);
  if (typeof principal !== 'string') return principal;
  if (!filter.selectRole(principal)) return skipped('role-not-selected', principal);
  if (!inWindow(time, filter)) return skipped('outside-time-window', time);

  if (isPermissionlessSource(eventSource)) return skipped('permissionless', `${eventSource} ${eventName}`);
  const params = obj(record, 'requestParameters') ?? NO_PARAMS;
  const prefix = prefixForRecord(eventSource, params);
  const mapping = prefix ? mapOperation(catalog, prefix, eventName, params) : undefined;
  if (mapping?.kind === 'permissionless') return skipped('permissionless', `${eventSource} ${eventName}`);
  if (mapping?.kind !== 'mapped') return { kind: 'unmapped', eventSource, eventName };

  const account = str(record, 'recipientAccountId') ?? str(obj(record, 'userIdentity'), 'accountId') ?? '';
  const partition = partitionForRegion(region);
  const recordArns = recordResourceArns(record);
  const badArns = recordArns.length > 0 ? recordArnsProblem(catalog, recordArns) : undefined;
  if (badArns) return skipped('malformed-resource', `${eventSource} ${eventName}: ${badArns}`);
  const outcome: Outcome = outcomeOf(record['errorCode']);
  const errorCode = reportedErrorCode(record['errorCode']);
  const observations: Observation[] = [];
  const unresolved: UnresolvedResource[] = [];
  for (const call of mapping.calls) {
    const info = catalog.actionOf(call.action);
    if (!info) continue;
    const inputs: ResourceInputs = {
      partition,
      region,
      account,
      params: call.params ? { ...params, ...call.params } : params,
      // A per-call parameter set (transaction items) names its own table; the record's list covers all.
      recordArns: call.params || call.paramRenames ? NO_ARNS : recordArns,
    };
    if (call.paramRenames) inputs.paramRenames = call.paramRenames;
    const resolution = resolveResources(catalog, info, inputs);
    if (resolution.kind === 'malformed')
      return skipped('malformed-resource', `${info.action}: ${resolution.reason}`);
    // A call naming only a handle waits for the same role's call that returned it (FactStore.correlate).
    const handle = resolution.kind === 'unresolved' ? consumedHandle(info.action, params) : undefined;
    if (resolution.kind === 'unresolved' && !handle) {
      unresolved.push({ action: info.action, reason: resolution.reason });
    }
    const binds = resolution.kind === 'resolved' ? producedHandles(info.action, record) : [];
    if (canPassRole(info.action)) {
      const passing = { principal, outcome, time, origin, region, account };
      observations.push(...passRoleObservations(info.action, params, passing));
    }
    observations.push({
      principal,
      action: info.action,
      resources: resolution.kind === 'resolved' ? resolution.resources : '*',
      context: callContext(record, info, region, params),
      outcome,
      ...(errorCode === undefined ? {} : { errorCode }),
      source: 'cloudtrail',
      time,
      origin,
      ...(handle ? { handle } : {}),
      ...(binds.length > 0 ? { binds } : {}),
    });
  }
  const passing = { principal, outcome, time, origin, region, account };
  observations.push(...impliedKmsObservations(`${prefix}:${eventName}`, record, passing));
  return { kind: 'observations', observations: dedupeObservations(observations), unresolved };
}

/** The role ARN behind an AssumedRole session (sessionIssuer.arn, path kept), or a skip. */
function principalOf(record: JsonObject): Arn | RecordResult {
  const identity = obj(record, 'userIdentity');
  const type = str(identity, 'type');
  if (type !== 'AssumedRole') return skipped('not-a-role-session', type ?? 'no userIdentity.type');
  const issuer = obj(obj(identity, 'sessionContext'), 'sessionIssuer');
  const arn = str(issuer, 'arn');
  if (str(issuer, 'type') !== 'Role' || arn === undefined || !isRoleArn(arn)) {
    return skipped('invalid-principal', 'sessionContext.sessionIssuer is not a valid role ARN');
  }
  return arn;
}

function recordResourceArns(record: JsonObject): readonly string[] {
  const list: unknown = record['resources'];
  if (!Array.isArray(list) || list.length === 0) return NO_ARNS;
  const arns: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const r: unknown = list[i];
    if (!isObject(r)) continue;
    // Real files use "ARN"; some normalised logs (Panther) use "arn".
    const arn = str(r, 'ARN') ?? str(r, 'arn');
    if (arn) arns.push(arn);
  }
  return arns;
}
