import { ACCOUNT, FUNCTIONS } from './sample-account.ts';
import { CURRENT_POLICIES } from './sample-policies.ts';

/**
 * The sample account's `aws iam get-account-authorization-details` output: the three function roles
 * (their inline policies are the documents in current-policies/), the deploy role seen in the logs,
 * and a legacy function's role with AdministratorAccess that made no call in the window. Fictional.
 */
const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const DEPLOY = `arn:aws:iam::${ACCOUNT}:policy/deploy-lambda`;
const CREATED = '2026-03-02T09:15:00Z';

const documentOf = (name: string): unknown => {
  const value = CURRENT_POLICIES[name] as Record<string, unknown>;
  return 'PolicyDocument' in value ? value['PolicyDocument'] : value;
};

function role(
  name: string,
  path: string,
  id: string,
  inline: string | undefined,
  attached: string[],
  trust: unknown,
) {
  return {
    Path: path,
    RoleName: name,
    RoleId: id,
    Arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
    CreateDate: CREATED,
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: [],
    RolePolicyList: inline
      ? [{ PolicyName: `${name.replace(/-role$/, '')}-inline`, PolicyDocument: documentOf(inline) }]
      : [],
    AttachedManagedPolicies: attached.map((arn) => ({
      PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
      PolicyArn: arn,
    })),
    Tags: [],
    RoleLastUsed: {},
  };
}

function managed(arn: string, path: string, id: string, document: unknown, attachments: number) {
  return {
    PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
    PolicyId: id,
    Arn: arn,
    Path: path,
    DefaultVersionId: 'v1',
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: CREATED,
    UpdateDate: CREATED,
    PolicyVersionList: [{ Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: CREATED }],
  };
}

const [orders, worker, report] = FUNCTIONS as [
  (typeof FUNCTIONS)[0],
  (typeof FUNCTIONS)[0],
  (typeof FUNCTIONS)[0],
];
const pathOf = (arn: string) => arn.slice(arn.indexOf(':role') + 5, arn.lastIndexOf('/') + 1);

export const AUTHORIZATION_DETAILS = {
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [
    role('deploy-role', '/', 'AROAQDEPLOYROLE00001', undefined, [DEPLOY], {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/shop:ref:refs/heads/main' },
          },
        },
      ],
    }),
    role('legacy-export-role', '/', 'AROAQLEGACYEXPORT001', undefined, [BASIC, ADMIN], LAMBDA_TRUST),
    ...[orders, worker, report].map((f) =>
      role(
        f.roleArn.slice(f.roleArn.lastIndexOf('/') + 1),
        pathOf(f.roleArn),
        f.roleId,
        f.roleArn.slice(f.roleArn.lastIndexOf('/') + 1),
        [BASIC],
        LAMBDA_TRUST,
      ),
    ),
  ],
  Policies: [
    managed(
      ADMIN,
      '/',
      'ANPAIWMBCKSKIEE64ZLYK',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      1,
    ),
    managed(
      BASIC,
      '/service-role/',
      'ANPAJNCQGXC42545SKXIK',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: '*',
          },
        ],
      },
      4,
    ),
    managed(
      DEPLOY,
      '/',
      'ANPAQDEPLOYLAMBDA0001',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Deploy',
            Effect: 'Allow',
            Action: ['lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'],
            Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*`,
          },
          {
            Sid: 'PassFunctionRoles',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: FUNCTIONS.map((f) => f.roleArn),
          },
        ],
      },
      1,
    ),
  ],
};
