import type { Prng } from '../scripts/lib/prng.ts';
import type { CallSpec } from './corpus-calls.ts';
import type { BenchRole } from './corpus-roles.ts';

type Json = Record<string, unknown>;

const SDK_AGENT =
  'aws-sdk-js/3.700.0 ua/2.1 os/linux#5.10.228-240.884.amzn2.x86_64 lang/js md/nodejs#20.18.1 api/{svc}#3.700.0 m/E,e exec-env/AWS_Lambda_nodejs20.x';

/** CloudTrail's time format: ISO-8601 without milliseconds. */
export function trailTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** `userIdentity` of a Lambda function's session under its execution role. */
export function roleIdentity(rng: Prng, role: BenchRole, timeMs: number, invokedBy?: string): Json {
  const account = role.roleArn.split(':')[4]!;
  const identity: Json = {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${role.fn}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role.roleName}/${role.fn}`,
    accountId: account,
    accessKeyId: `ASIA${rng.alnum(16).toUpperCase()}`,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.roleId,
        arn: role.roleArn,
        accountId: account,
        userName: role.roleName,
      },
      webIdFederationData: {},
      attributes: { creationDate: trailTime(timeMs - rng.int(3_600_000)), mfaAuthenticated: 'false' },
    },
  };
  if (invokedBy) identity['invokedBy'] = invokedBy;
  return identity;
}

/** An error a call may end with: `AccessDenied` (denied) or throttling (failed). */
export interface CallError {
  code: string;
  message: string;
}

/** One call a function's role made, in the shape CloudTrail delivers it. */
export function functionRecord(
  rng: Prng,
  role: BenchRole,
  call: CallSpec,
  timeMs: number,
  error?: CallError,
): Json {
  const day = trailTime(timeMs).slice(0, 10).replaceAll('-', '/');
  const params = call.params(rng, day);
  const host = `${call.source}.${role.region}.amazonaws.com`;
  const account = role.roleArn.split(':')[4]!;
  return {
    eventVersion: call.category === 'Data' ? '1.10' : '1.09',
    userIdentity: roleIdentity(rng, role, timeMs, call.invokedBy),
    eventTime: trailTime(timeMs),
    eventSource: `${call.source}.amazonaws.com`,
    eventName: call.name,
    awsRegion: role.region,
    sourceIPAddress: call.invokedBy ?? `3.${248 + rng.int(8)}.${rng.int(256)}.${rng.int(256)}`,
    userAgent: call.invokedBy ?? SDK_AGENT.replace('{svc}', call.source),
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    requestParameters: params,
    responseElements: error || !call.response ? null : call.response(rng, params),
    ...(call.extra ? { additionalEventData: call.extra(rng) } : {}),
    requestID: call.source === 's3' ? rng.alnum(16).toUpperCase() : rng.uuid(),
    eventID: rng.uuid(),
    readOnly: call.readOnly,
    ...(call.resources && params ? { resources: call.resources(params) } : {}),
    eventType: 'AwsApiCall',
    managementEvent: call.category === 'Management',
    recipientAccountId: account,
    ...(call.invokedBy ? { sharedEventID: rng.uuid() } : {}),
    ...(call.viaVpce ? { vpcEndpointId: 'vpce-0b1c2d3e4f5a67890', vpcEndpointAccountId: account } : {}),
    eventCategory: call.category,
    ...(call.invokedBy
      ? {}
      : {
          tlsDetails: {
            tlsVersion: 'TLSv1.3',
            cipherSuite: 'TLS_AES_128_GCM_SHA256',
            clientProvidedHostHeader: host,
          },
        }),
  };
}

/** `AccessDenied` for about 1 call in 250 and throttling for about 1 in 300; otherwise none. */
export function maybeError(rng: Prng, role: BenchRole, call: CallSpec): CallError | undefined {
  const r = rng.next();
  if (r < 0.004) {
    const account = role.roleArn.split(':')[4]!;
    return {
      code: 'AccessDenied',
      message: `User: arn:aws:sts::${account}:assumed-role/${role.roleName}/${role.fn} is not authorized to perform: ${call.source}:${call.name} because no identity-based policy allows the ${call.source}:${call.name} action`,
    };
  }
  if (r < 0.0073) return { code: 'ThrottlingException', message: 'Rate exceeded' };
  return undefined;
}
