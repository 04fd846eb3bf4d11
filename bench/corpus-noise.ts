import type { Prng } from '../scripts/lib/prng.ts';
import { roleIdentity, trailTime } from './corpus-records.ts';
import { BENCH_ACCOUNT, type BenchRole } from './corpus-roles.ts';

type Json = Record<string, unknown>;

/** Non-function AssumedRole principals: they are attributed too, so they are roles in the output. */
const DEPLOY_ROLE: BenchRole = noiseRole('deploy-role', 'github-actions', '');
const SSO_ROLE: BenchRole = noiseRole(
  'AWSReservedSSO_AdministratorAccess_0123456789abcdef',
  'alice@example.com',
  'aws-reserved/sso.amazonaws.com/eu-west-1/',
);

function noiseRole(roleName: string, session: string, path: string): BenchRole {
  return {
    fn: session,
    roleName,
    roleArn: `arn:aws:iam::${BENCH_ACCOUNT}:role/${path}${roleName}`,
    roleId: `AROA${roleName.length.toString(16).toUpperCase().padEnd(17, 'Q')}`,
    region: 'eu-west-1',
    weight: 0,
    calls: [],
    totalCallWeight: 0,
  };
}

function base(rng: Prng, timeMs: number, region: string): Json {
  return {
    eventVersion: '1.09',
    eventTime: trailTime(timeMs),
    awsRegion: region,
    requestID: rng.uuid(),
    eventID: rng.uuid(),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: BENCH_ACCOUNT,
    eventCategory: 'Management',
  };
}

const ADMIN_CALLS: [string, string, (rng: Prng) => Json | null][] = [
  ['ec2', 'DescribeInstances', () => ({ instancesSet: {}, filterSet: {} })],
  ['lambda', 'ListFunctions20150331', () => null],
  ['iam', 'GetRole', (rng) => ({ roleName: `orders-api-${rng.int(50)}-role` })],
  ['cloudformation', 'DescribeStacks', () => ({ stackName: 'prod-orders' })],
  ['s3', 'ListBuckets', () => ({ Host: 's3.amazonaws.com' })],
];

/** An IAM user working with the CLI (counted and skipped: not an AssumedRole session). */
function iamUser(rng: Prng, timeMs: number, region: string): Json {
  const [svc, name, params] = rng.pick(ADMIN_CALLS);
  const user = rng.pick(['alice', 'bob', 'ci-bot']);
  return {
    ...base(rng, timeMs, region),
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${rng.alnum(17).toUpperCase()}`,
      arn: `arn:aws:iam::${BENCH_ACCOUNT}:user/${user}`,
      accountId: BENCH_ACCOUNT,
      accessKeyId: `AKIA${rng.alnum(16).toUpperCase()}`,
      userName: user,
    },
    eventSource: `${svc}.amazonaws.com`,
    eventName: name,
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6',
    requestParameters: params(rng),
    responseElements: null,
    readOnly: true,
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${svc}.${region}.amazonaws.com`,
    },
  };
}

/** Lambda assuming a function's role for a cold start (AWSService: skipped). */
function serviceAssume(rng: Prng, timeMs: number, region: string, role: BenchRole): Json {
  return {
    ...base(rng, timeMs, region),
    userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    sourceIPAddress: 'lambda.amazonaws.com',
    userAgent: 'lambda.amazonaws.com',
    requestParameters: { roleArn: role.roleArn, roleSessionName: role.fn },
    responseElements: {
      credentials: {
        accessKeyId: `ASIA${rng.alnum(16).toUpperCase()}`,
        sessionToken: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        expiration: 'Nov 20, 2026, 10:00:00 PM',
      },
    },
    readOnly: true,
    resources: [{ accountId: BENCH_ACCOUNT, type: 'AWS::IAM::Role', ARN: role.roleArn }],
    sharedEventID: rng.uuid(),
  };
}

/** A deploy (Terraform from CI) updating a function: an AssumedRole, so attributed to deploy-role. */
function deploy(rng: Prng, timeMs: number, region: string, role: BenchRole): Json {
  const fnArn = `arn:aws:lambda:${region}:${BENCH_ACCOUNT}:function:${role.fn}`;
  return {
    ...base(rng, timeMs, region),
    userIdentity: roleIdentity(rng, DEPLOY_ROLE, timeMs),
    eventSource: 'lambda.amazonaws.com',
    eventName: 'UpdateFunctionConfiguration20150331v2',
    sourceIPAddress: '140.82.112.10',
    userAgent:
      'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.80.0',
    requestParameters: { functionName: role.fn, role: role.roleArn, timeout: 30, memorySize: 512 },
    responseElements: {
      functionName: role.fn,
      functionArn: fnArn,
      runtime: 'nodejs20.x',
      role: role.roleArn,
    },
    readOnly: false,
  };
}

/** Someone in the console through SSO, reading a function's configuration. */
function consoleRead(rng: Prng, timeMs: number, region: string, role: BenchRole): Json {
  return {
    ...base(rng, timeMs, region),
    userIdentity: { ...roleIdentity(rng, SSO_ROLE, timeMs), sessionCredentialFromConsole: 'true' },
    eventSource: 'lambda.amazonaws.com',
    eventName: 'GetFunction20150331v2',
    sourceIPAddress: '203.0.113.25',
    userAgent: 'AWS Internal',
    requestParameters: { functionName: role.fn },
    responseElements: null,
    readOnly: true,
    sessionCredentialFromConsole: 'true',
  };
}

function consoleLogin(rng: Prng, timeMs: number): Json {
  return {
    ...base(rng, timeMs, 'us-east-1'),
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAQBENCHADMIN00001',
      arn: `arn:aws:iam::${BENCH_ACCOUNT}:user/alice`,
      accountId: BENCH_ACCOUNT,
      userName: 'alice',
    },
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAUsed: 'Yes',
    },
    eventType: 'AwsConsoleSignIn',
  };
}

/** A record from someone other than a function: services, IAM users, deploys, console sessions. */
export function noiseRecord(rng: Prng, timeMs: number, region: string, role: BenchRole): Json {
  const r = rng.next();
  if (r < 0.4) return serviceAssume(rng, timeMs, region, role);
  if (r < 0.65) return iamUser(rng, timeMs, region);
  if (r < 0.85) return consoleRead(rng, timeMs, region, role);
  if (r < 0.95) return deploy(rng, timeMs, region, role);
  return consoleLogin(rng, timeMs);
}
