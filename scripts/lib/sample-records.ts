import { ACCOUNT, REGION, VPCE, type Behaviour, type FunctionSpec } from './sample-account.ts';
import type { Prng } from './prng.ts';

const SDK_AGENT =
  'aws-sdk-js/3.658.1 ua/2.1 os/linux#5.10.227-239.884.amzn2.x86_64 lang/js md/nodejs#20.17.0 api/{svc}#3.658.1 exec-env/AWS_Lambda_nodejs20.x';

/** A CloudTrail record of one call a function's role made, in the shape CloudTrail delivers. */
export function functionCall(
  rng: Prng,
  fn: FunctionSpec,
  b: Behaviour,
  time: Date,
  day: string,
  error?: { code: string; message: string },
): Record<string, unknown> {
  const params = b.params(rng, day);
  const roleName = fn.roleArn.slice(fn.roleArn.lastIndexOf('/') + 1);
  const identity: Record<string, unknown> = {
    type: 'AssumedRole',
    principalId: `${fn.roleId}:${fn.name}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${fn.name}`,
    accountId: ACCOUNT,
    accessKeyId: `ASIA${rng.alnum(16).toUpperCase()}`,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: fn.roleId,
        arn: fn.roleArn,
        accountId: ACCOUNT,
        userName: roleName,
      },
      attributes: {
        creationDate: new Date(time.getTime() - 600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        mfaAuthenticated: 'false',
      },
    },
  };
  if (b.invokedBy) identity['invokedBy'] = b.invokedBy;
  const record: Record<string, unknown> = {
    eventVersion: b.category === 'Data' ? '1.09' : '1.08',
    userIdentity: identity,
    eventTime: time.toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource: `${b.source}.amazonaws.com`,
    eventName: b.name,
    awsRegion: REGION,
    sourceIPAddress: b.invokedBy ?? `3.25${rng.int(10)}.${rng.int(256)}.${rng.int(256)}`,
    userAgent: b.invokedBy ?? SDK_AGENT.replace('{svc}', b.source),
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    requestParameters: params,
    responseElements: null,
    requestID: rng.hex(32).toUpperCase(),
    eventID: rng.uuid(),
    readOnly: b.readOnly,
    ...(b.resources && params
      ? { resources: b.resources(params).map((r) => ({ accountId: ACCOUNT, ...r })) }
      : {}),
    eventType: 'AwsApiCall',
    managementEvent: b.category === 'Management',
    recipientAccountId: ACCOUNT,
    ...(b.viaVpce ? { vpcEndpointId: VPCE, vpcEndpointAccountId: ACCOUNT } : {}),
    eventCategory: b.category,
    ...(b.invokedBy
      ? {}
      : {
          tlsDetails: {
            tlsVersion: 'TLSv1.3',
            cipherSuite: 'TLS_AES_128_GCM_SHA256',
            clientProvidedHostHeader: `${b.source}.${REGION}.amazonaws.com`,
          },
        }),
  };
  return record;
}

/** Records that are not a function's own successful calls: admins, services, deploys, sign-ins. */
export function otherPrincipal(
  rng: Prng,
  kind: 'admin' | 'service' | 'deploy' | 'console',
  time: Date,
  fn: FunctionSpec,
): Record<string, unknown> {
  const base = {
    eventVersion: '1.08',
    eventTime: time.toISOString().replace(/\.\d+Z$/, 'Z'),
    requestID: rng.hex(32),
    eventID: rng.uuid(),
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    managementEvent: true,
  };
  if (kind === 'admin') {
    return {
      ...base,
      userIdentity: {
        type: 'IAMUser',
        principalId: 'AIDAQADMINUSER000001',
        arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        accountId: ACCOUNT,
        accessKeyId: 'AKIAQADMINKEY0000001',
        userName: 'alice',
      },
      eventSource: 'lambda.amazonaws.com',
      eventName: 'GetFunction20150331v2',
      awsRegion: REGION,
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.17.0',
      requestParameters: { functionName: fn.name },
      responseElements: null,
      readOnly: true,
      eventType: 'AwsApiCall',
    };
  }
  if (kind === 'service') {
    return {
      ...base,
      userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      awsRegion: REGION,
      sourceIPAddress: 'lambda.amazonaws.com',
      userAgent: 'lambda.amazonaws.com',
      requestParameters: { roleArn: fn.roleArn, roleSessionName: fn.name },
      responseElements: {
        credentials: {
          accessKeyId: `ASIA${rng.alnum(16).toUpperCase()}`,
          sessionToken: 'HIDDEN',
          expiration: 'Nov 20, 2026, 10:00:00 PM',
        },
      },
      resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: fn.roleArn }],
      readOnly: true,
      eventType: 'AwsApiCall',
      sharedEventID: rng.uuid(),
    };
  }
  if (kind === 'deploy') {
    return {
      ...base,
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAQDEPLOYROLE00001:github-actions',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/github-actions`,
        accountId: ACCOUNT,
        accessKeyId: `ASIA${rng.alnum(16).toUpperCase()}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAQDEPLOYROLE00001',
            arn: `arn:aws:iam::${ACCOUNT}:role/deploy-role`,
            accountId: ACCOUNT,
            userName: 'deploy-role',
          },
          attributes: { creationDate: base.eventTime, mfaAuthenticated: 'false' },
        },
      },
      eventSource: 'lambda.amazonaws.com',
      eventName: 'UpdateFunctionConfiguration20150331v2',
      awsRegion: REGION,
      sourceIPAddress: '140.82.112.10',
      userAgent: 'aws-sdk-js/3.658.1 terraform',
      requestParameters: { functionName: fn.name, role: fn.roleArn, timeout: 30 },
      responseElements: {
        functionName: fn.name,
        functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn.name}`,
      },
      readOnly: false,
      eventType: 'AwsApiCall',
    };
  }
  return {
    ...base,
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAQADMINUSER000001',
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      userName: 'alice',
    },
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'Mozilla/5.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'Yes' },
    eventType: 'AwsConsoleSignIn',
  };
}
