import type { Argv } from 'yargs';
import { EXIT, UsageError } from '../../errors.ts';
import type { CliIo } from '../io.ts';

export interface PermissionsArgs {
  cloudtrail?: string[] | undefined;
  'cloudtrail-api': boolean;
  'cloudtrail-lake'?: string | undefined;
  athena?: string | undefined;
  'athena-output'?: string | undefined;
  workgroup?: string | undefined;
  database?: string | undefined;
  'current-from-iam': boolean;
  role?: string[] | undefined;
  'xray-api': boolean;
  'resolve-roles': boolean;
  'iam-from-api': boolean;
  'lambda-from-api': boolean;
  account?: string[] | undefined;
  region?: string[] | undefined;
}

/** `tightrole permissions`: the read-only policy tightrole needs for the options given. */
export function permissionsCommand(io: CliIo, setExit: (code: number) => void) {
  return {
    command: 'permissions',
    describe: 'Print the least-privilege IAM policy tightrole itself needs for the given options',
    builder: (y: Argv) =>
      y
        .option('cloudtrail', {
          type: 'string',
          array: true,
          describe: 'Trail locations (only s3://bucket/prefix needs permissions)',
        })
        .option('cloudtrail-api', {
          type: 'boolean',
          default: false,
          describe: 'Reading CloudTrail LookupEvents',
        })
        .option('cloudtrail-lake', {
          type: 'string',
          describe: 'Querying this CloudTrail Lake event data store (ID or ARN)',
        })
        .option('athena', { type: 'string', describe: 'Querying this Athena table ([database.]table)' })
        .option('athena-output', { type: 'string', describe: 'Athena query results location (s3://...)' })
        .option('workgroup', { type: 'string', describe: 'Athena work group (default: primary)' })
        .option('database', { type: 'string', describe: 'Athena database' })
        .option('current-from-iam', {
          type: 'boolean',
          default: false,
          describe: "Reading --role's current policies from IAM",
        })
        .option('role', {
          type: 'string',
          array: true,
          describe: 'Roles read with --current-from-iam (name or ARN)',
        })
        .option('xray-api', {
          type: 'boolean',
          default: false,
          describe: 'Reading X-Ray traces from the API',
        })
        .option('resolve-roles', {
          type: 'boolean',
          default: false,
          describe: "Resolving functions' roles with Lambda",
        })
        .option('iam-from-api', {
          type: 'boolean',
          default: false,
          describe: 'audit reading roles and policies with IAM GetAccountAuthorizationDetails',
        })
        .option('lambda-from-api', {
          type: 'boolean',
          default: false,
          describe: 'audit reading functions, event sources, resource policies and URLs from Lambda',
        })
        .option('account', {
          type: 'string',
          array: true,
          describe: 'Account of the resources (default: * in ARNs)',
        })
        .option('region', {
          type: 'string',
          array: true,
          describe: 'Region of the resources (default: * in ARNs)',
        })
        .example('$0 permissions --cloudtrail s3://trail-bucket/AWSLogs/ --current-from-iam', '')
        .example('$0 permissions --athena audit.cloudtrail_logs --athena-output s3://athena-results/', '')
        .example('$0 permissions --iam-from-api --lambda-from-api --region eu-west-1', ''),
    handler: async (args: PermissionsArgs) => {
      const { permissionsPolicy } = await import('../../app/permissions.ts');
      const { renderPolicyJson } = await import('../../render/json.ts');
      const policy = permissionsPolicy(permissionsRequest(args));
      if (policy.Statement.length === 0) {
        throw new UsageError(
          'name what tightrole will read: --cloudtrail s3://..., --cloudtrail-api, --cloudtrail-lake, --athena, --current-from-iam, --xray-api, --resolve-roles, --iam-from-api or --lambda-from-api',
        );
      }
      io.stdout(renderPolicyJson(policy));
      setExit(EXIT.ok);
    },
  };
}

function permissionsRequest(args: PermissionsArgs) {
  if (args.athena && !args['athena-output']?.startsWith('s3://'))
    throw new UsageError('--athena needs --athena-output s3://bucket/prefix/');
  const { workgroup, database } = args;
  return {
    cloudtrail: args.cloudtrail ?? [],
    cloudtrailApi: args['cloudtrail-api'],
    ...(args['cloudtrail-lake'] ? { cloudtrailLake: args['cloudtrail-lake'] } : {}),
    ...(args.athena
      ? {
          athena: {
            table: args.athena,
            output: args['athena-output']!,
            ...(workgroup ? { workgroup } : {}),
            ...(database ? { database } : {}),
          },
        }
      : {}),
    currentFromIam: args['current-from-iam'],
    roles: args.role ?? [],
    xrayApi: args['xray-api'],
    resolveRoles: args['resolve-roles'],
    iamFromApi: args['iam-from-api'],
    lambdaFromApi: args['lambda-from-api'],
    accounts: args.account ?? [],
    regions: args.region ?? [],
  };
}
