import { partitionForRegion } from '../catalog/partition.ts';
import { impliedKmsCalls } from '../catalog/dependent-actions.ts';
import { passedRoles, passRoleActions } from '../catalog/pass-role.ts';
import type { Arn, IamAction } from '../model/identifiers.ts';
import type { Observation, Origin, Outcome } from '../model/observation.ts';
import { isRoleArn } from './principal.ts';

interface CallInfo {
  principal: Arn;
  outcome: Outcome;
  time: string;
  origin: Origin;
  region: string;
  account: string;
}

const ROLE_NAME = /^(?:\/?(?:[\w+=,.@-]+\/)*)?[\w+=,.@-]{1,64}$/;
const PASSING_ACTIONS = new Set<string>(passRoleActions());

/** True when the action can pass a role (most cannot: no need to look for one). */
export function canPassRole(action: IamAction): boolean {
  return PASSING_ACTIONS.has(action);
}

/**
 * iam:PassRole is checked but never logged: a call that passes a role implies it, scoped to that
 * role and to the receiving service (iam:PassedToService). Marked inferred for the report.
 */
export function passRoleObservations(
  action: IamAction,
  params: Readonly<Record<string, unknown>>,
  call: CallInfo,
): Observation[] {
  return passedRoles(action, params).flatMap(({ role, service }) => {
    const arn = role.startsWith('arn:') ? role : roleArnFromName(role, call);
    if (!arn || !isRoleArn(arn)) return [];
    return [
      {
        principal: call.principal,
        action: 'iam:PassRole' as IamAction,
        resources: [arn],
        context: { 'iam:PassedToService': service },
        outcome: call.outcome,
        source: 'cloudtrail' as const,
        time: call.time,
        origin: call.origin,
        inferred: true,
      },
    ];
  });
}

function roleArnFromName(name: string, call: CallInfo): string | undefined {
  if (!ROLE_NAME.test(name) || !/^\d{12}$/.test(call.account)) return undefined;
  const path = name.startsWith('/') ? name.slice(1) : name;
  return `arn:${partitionForRegion(call.region)}:iam::${call.account}:role/${path}`;
}

const REGION = /^[a-z]{2}(?:-[a-z0-9]+){1,3}$/;

/**
 * KMS calls an S3 call made on the caller's behalf (SSE-KMS), on the key ARN the record names, scoped
 * to that service with kms:ViaService, as a KMS record of the same call would be. Marked inferred.
 */
export function impliedKmsObservations(
  call: string,
  record: Readonly<Record<string, unknown>>,
  info: CallInfo,
): Observation[] {
  if (!REGION.test(info.region)) return [];
  return impliedKmsCalls(call, record).map((k) => ({
    principal: info.principal,
    action: k.action,
    resources: [k.keyArn as Arn],
    context: {
      'aws:RequestedRegion': info.region,
      'kms:ViaService': `${k.viaService}.${info.region}.amazonaws.com`,
    },
    outcome: info.outcome,
    source: 'cloudtrail' as const,
    time: info.time,
    origin: info.origin,
    inferred: true,
  }));
}
