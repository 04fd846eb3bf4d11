import { expect } from 'chai';
import { iamClient, readRolePoliciesFromIam } from '../../../src/aws/iam.ts';
import { fastRetries, TEST_CREDENTIALS } from '../../support/local-aws.ts';
import { startLocalIam, xml, type LocalIam, type QueryReply, type QueryRequest } from './iam-query-server.ts';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/boundary';
const MANAGED = 'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess';
const doc = (action: string) =>
  encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    }),
  );

/** A role with two pages of inline policies, one attached policy and a boundary; `extra` overrides. */
function iamAccount(extra: (r: QueryRequest) => QueryReply | undefined = () => undefined) {
  return (r: QueryRequest): QueryReply => {
    const override = extra(r);
    if (override) return override;
    switch (r['Action']) {
      case 'GetRole':
        return {
          result: `<Role><Path>/service-role/</Path><RoleName>${r['RoleName']}</RoleName><RoleId>AROAX</RoleId><Arn>${ROLE}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>${BOUNDARY}</PermissionsBoundaryArn></PermissionsBoundary></Role>`,
        };
      case 'ListRolePolicies':
        return r['Marker'] === 'page2'
          ? { result: '<PolicyNames><member>logs</member></PolicyNames><IsTruncated>false</IsTruncated>' }
          : {
              result:
                '<PolicyNames><member>data</member></PolicyNames><IsTruncated>true</IsTruncated><Marker>page2</Marker>',
            };
      case 'GetRolePolicy':
        return {
          result: `<RoleName>${r['RoleName']}</RoleName><PolicyName>${r['PolicyName']}</PolicyName><PolicyDocument>${doc(r['PolicyName'] === 'data' ? 'dynamodb:*' : 'logs:*')}</PolicyDocument>`,
        };
      case 'ListAttachedRolePolicies':
        return {
          result: `<AttachedPolicies><member><PolicyName>ro</PolicyName><PolicyArn>${MANAGED}</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>`,
        };
      case 'GetPolicy':
        return {
          result: `<Policy><PolicyName>p</PolicyName><Arn>${xml(r['PolicyArn'] ?? '')}</Arn><DefaultVersionId>v3</DefaultVersionId></Policy>`,
        };
      case 'GetPolicyVersion':
        return {
          result: `<PolicyVersion><Document>${doc(r['PolicyArn'] === BOUNDARY ? '*' : 'dynamodb:Get*')}</Document><VersionId>${r['VersionId']}</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`,
        };
      default:
        return { status: 400, code: 'InvalidAction', message: `unexpected ${r['Action']}` };
    }
  };
}

describe('aws/iam: current policies from IAM (real SDK client, local query-protocol server)', () => {
  let server: LocalIam | undefined;
  afterEach(async () => server?.close());

  const read = async () => {
    const client = iamClient({
      region: 'us-east-1',
      endpointUrl: server!.endpoint,
      credentials: TEST_CREDENTIALS,
      retryStrategy: fastRetries(),
    });
    try {
      return await readRolePoliciesFromIam(client, ROLE);
    } finally {
      client.destroy();
    }
  };

  it('reads inline (paged), attached managed (default version) and boundary policies, URL-decoded', async () => {
    server = await startLocalIam(iamAccount());
    const current = await read();
    expect(current.policies.map((p) => [p.kind, p.name, p.document.Statement[0]!.Action])).to.deep.equal([
      ['inline', 'data', ['dynamodb:*']],
      ['inline', 'logs', ['logs:*']],
      ['managed', MANAGED, ['dynamodb:Get*']],
    ]);
    expect(current.boundary.map((p) => [p.kind, p.name, p.document.Statement[0]!.Action])).to.deep.equal([
      ['boundary', BOUNDARY, ['*']],
    ]);
    const calls = server.requests.map(
      (r) => `${r['Action']} ${r['RoleName'] ?? r['PolicyArn']}${r['Marker'] ? ` ${r['Marker']}` : ''}`,
    );
    expect(calls).to.include.members([
      'ListRolePolicies orders-api-role',
      'ListRolePolicies orders-api-role page2',
    ]);
    expect(server.requests.every((r) => r['Version'] === '2010-05-08')).to.equal(true);
    expect(server.requests.find((r) => r['Action'] === 'GetPolicyVersion')?.['VersionId']).to.equal('v3');
  });

  it('retries a throttled reply', async () => {
    let throttled = 0;
    server = await startLocalIam(
      iamAccount((r) =>
        r['Action'] === 'ListAttachedRolePolicies' && throttled++ === 0
          ? { status: 400, code: 'Throttling', message: 'Rate exceeded' }
          : undefined,
      ),
    );
    const current = await read();
    expect(throttled).to.equal(2);
    expect(current.policies).to.have.length(3);
  });

  it('names the permission to grant when IAM refuses', async () => {
    server = await startLocalIam(
      iamAccount((r) =>
        r['Action'] === 'GetRolePolicy'
          ? {
              status: 403,
              code: 'AccessDenied',
              message: 'User is not authorized to perform: iam:GetRolePolicy',
            }
          : undefined,
      ),
    );
    const error = await read().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).to.equal('AwsError');
    expect(error?.message).to.match(
      /IAM GetRolePolicy was refused .*grant iam:GetRolePolicy on arn:aws:iam::123456789012:role\/service-role\/orders-api-role/,
    );
  });
});
