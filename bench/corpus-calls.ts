import type { Prng } from '../scripts/lib/prng.ts';
import type { RoleResources } from './corpus-roles.ts';
import { MESSAGING_TEMPLATES } from './corpus-calls-messaging.ts';
import { keyArn, STORAGE_TEMPLATES } from './corpus-calls-storage.ts';

type Json = Record<string, unknown>;

/** One kind of call a function makes, as CloudTrail records it. */
export interface CallSpec {
  source: string;
  name: string;
  weight: number;
  category: 'Data' | 'Management';
  readOnly: boolean;
  /** `day` is the event's date as `YYYY/MM/DD` (object keys and log streams carry it). */
  params: (rng: Prng, day: string) => Json | null;
  resources?: (params: Json) => Json[];
  response?: (rng: Prng, params: Json | null) => Json | null;
  /** `additionalEventData`, as S3 data events carry it. */
  extra?: (rng: Prng) => Json;
  /** A service calling on the role's behalf (KMS for S3 SSE-KMS). */
  invokedBy?: string;
  viaVpce?: boolean;
}

/** A call kind, bound to one role's resources. */
export type CallTemplate = (res: RoleResources) => CallSpec;

/** `logs:CreateLogStream`: every Lambda container creates its stream once. */
export function logStreamCall(res: RoleResources): CallSpec {
  return {
    source: 'logs',
    name: 'CreateLogStream',
    weight: 1,
    category: 'Management',
    readOnly: false,
    params: (rng, day) => ({
      logGroupName: `/aws/lambda/${res.fn}`,
      logStreamName: `${day}/[$LATEST]${rng.hex(32)}`,
    }),
  };
}

const ssmGet: CallTemplate = (res) => ({
  source: 'ssm',
  name: 'GetParameter',
  weight: 2,
  category: 'Management',
  readOnly: true,
  params: (rng) => ({
    name: `${res.paramPath}/${rng.pick(['api-url', 'feature-flags', 'batch-size'])}`,
    withDecryption: true,
  }),
});

const ssmByPath: CallTemplate = (res) => ({
  source: 'ssm',
  name: 'GetParametersByPath',
  weight: 1,
  category: 'Management',
  readOnly: true,
  params: () => ({ path: `${res.paramPath}/`, recursive: true, withDecryption: false }),
});

const secretGet: CallTemplate = (res) => ({
  source: 'secretsmanager',
  name: 'GetSecretValue',
  weight: 1,
  category: 'Management',
  readOnly: true,
  params: () => ({ secretId: `arn:aws:secretsmanager:${res.region}:${res.account}:secret:${res.secret}` }),
});

const kmsDecrypt: CallTemplate = (res) => ({
  source: 'kms',
  name: 'Decrypt',
  weight: 2,
  category: 'Management',
  readOnly: true,
  params: () => ({
    encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    encryptionContext: {
      'aws:lambda:FunctionArn': `arn:aws:lambda:${res.region}:${res.account}:function:${res.fn}`,
    },
  }),
  resources: () => [{ accountId: res.account, type: 'AWS::KMS::Key', ARN: keyArn(res) }],
});

const callerIdentity: CallTemplate = () => ({
  source: 'sts',
  name: 'GetCallerIdentity',
  weight: 1,
  category: 'Management',
  readOnly: true,
  params: () => null,
});

const assumeRole: CallTemplate = (res) => ({
  source: 'sts',
  name: 'AssumeRole',
  weight: 1,
  category: 'Management',
  readOnly: true,
  params: (rng) => ({
    roleArn: res.otherRole,
    roleSessionName: `${res.fn}-${rng.hex(8)}`,
    durationSeconds: 900,
  }),
  resources: () => [{ accountId: res.account, type: 'AWS::IAM::Role', ARN: res.otherRole }],
  response: (rng) => ({
    credentials: {
      accessKeyId: `ASIA${rng.alnum(16).toUpperCase()}`,
      sessionToken: 'HIDDEN_DUE_TO_SECURITY_REASONS',
      expiration: 'Nov 20, 2026, 10:15:00 AM',
    },
    assumedRoleUser: { assumedRoleId: `AROA${rng.alnum(17).toUpperCase()}:${res.fn}`, arn: res.otherRole },
  }),
});

/** Every call kind a function may make besides writing logs. */
export const CALL_TEMPLATES: readonly CallTemplate[] = [
  ...STORAGE_TEMPLATES,
  ...MESSAGING_TEMPLATES,
  ssmGet,
  ssmByPath,
  secretGet,
  kmsDecrypt,
  callerIdentity,
  assumeRole,
];
