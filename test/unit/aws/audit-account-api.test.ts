import { expect } from 'chai';
import { iamClient } from '../../../src/aws/iam.ts';
import { readIamStateFromApi } from '../../../src/aws/iam-authorization-details.ts';
import { readLambdaConfigFromApi } from '../../../src/aws/lambda-config.ts';
import { functionExposures } from '../../../src/audit/exposure.ts';
import { AwsError } from '../../../src/errors.ts';
import { fastRetries, TEST_CREDENTIALS } from '../../support/local-aws.ts';
import {
  lambdaError,
  startLocalLambda,
  type LocalLambda,
  type LambdaReply,
  type LambdaRequest,
} from '../../support/local-lambda.ts';
import { startLocalIam, xml, type LocalIam } from './iam-query-server.ts';

const ACCOUNT = '123456789012';
const fnArn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const enc = (value: unknown) => xml(encodeURIComponent(JSON.stringify(value)));
const doc = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
const options = (endpoint: string) => ({
  region: 'eu-west-1',
  endpointUrl: endpoint,
  credentials: TEST_CREDENTIALS,
  retryStrategy: fastRetries(),
});

function lambdaAccount(extra: (r: LambdaRequest) => LambdaReply | undefined = () => undefined) {
  return (r: LambdaRequest): LambdaReply => {
    const override = extra(r);
    if (override) return override;
    if (r.path === '/2015-03-31/functions')
      return r.query['Marker'] === 'p2'
        ? {
            body: {
              Functions: [
                { FunctionName: 'worker', FunctionArn: fnArn('worker'), Role: roleArn('worker-role') },
              ],
            },
          }
        : {
            body: {
              Functions: [{ FunctionName: 'web', FunctionArn: fnArn('web'), Role: roleArn('web-role') }],
              NextMarker: 'p2',
            },
          };
    if (r.path === '/2015-03-31/event-source-mappings')
      return {
        body: {
          EventSourceMappings: [
            {
              UUID: 'u',
              FunctionArn: fnArn('worker'),
              EventSourceArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`,
              State: 'Enabled',
            },
          ],
        },
      };
    if (r.path === '/2015-03-31/functions/web/policy')
      return {
        body: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'url',
                Effect: 'Allow',
                Principal: '*',
                Action: 'lambda:InvokeFunctionUrl',
                Resource: fnArn('web'),
              },
            ],
          }),
          RevisionId: 'r1',
        },
      };
    if (r.path === '/2015-03-31/functions/worker/policy')
      return lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.');
    if (r.path === '/2021-10-31/functions/web/urls')
      return {
        body: {
          FunctionUrlConfigs: [
            {
              FunctionUrl: 'https://x/',
              FunctionArn: fnArn('web'),
              AuthType: 'NONE',
              CreationTime: 't',
              LastModifiedTime: 't',
            },
          ],
        },
      };
    if (r.path === '/2021-10-31/functions/worker/urls') return { body: { FunctionUrlConfigs: [] } };
    return lambdaError('ResourceNotFoundException', `unexpected ${r.method} ${r.path}`, 400);
  };
}

describe('aws/lambda-config: functions and their ways in (real SDK client, local REST-JSON server)', () => {
  let server: LocalLambda | undefined;
  afterEach(async () => server?.close());

  it('pages ListFunctions, reads mappings, resource policies (none: not found) and URL configs', async () => {
    server = await startLocalLambda(lambdaAccount());
    const config = await readLambdaConfigFromApi(options(server.endpoint));
    expect(config.problems).to.deep.equal([]);
    expect(config.functions.map((f) => f.name)).to.deep.equal(['web', 'worker']);
    expect(functionExposures(config).map((e) => [e.function, e.level])).to.deep.equal([
      ['web', 'public'],
      ['worker', 'external'],
    ]);
    expect(
      server.requests.map((r) => `${r.path}${r.query['Marker'] ? ` ${r.query['Marker']}` : ''}`),
    ).to.include.members([
      '/2015-03-31/functions',
      '/2015-03-31/functions p2',
      '/2015-03-31/functions/worker/policy',
    ]);
  });

  it('reports a malformed entry in a reply and keeps the rest', async () => {
    server = await startLocalLambda(
      lambdaAccount((r) =>
        r.path === '/2015-03-31/functions' && !r.query['Marker']
          ? {
              body: {
                Functions: [{ FunctionName: 'web', FunctionArn: 'arn:aws:lambda:x', Role: 'nope' }],
                NextMarker: 'p2',
              },
            }
          : undefined,
      ),
    );
    const config = await readLambdaConfigFromApi(options(server.endpoint));
    expect(config.functions.map((f) => f.name)).to.deep.equal(['worker']);
    expect(config.problems[0]).to.match(/^Lambda ListFunctions: Functions\/0: needs FunctionName/);
  });

  it('names the permission when Lambda refuses', async () => {
    server = await startLocalLambda(() => lambdaError('AccessDeniedException', 'no', 403));
    const error = await readLambdaConfigFromApi(options(server.endpoint)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AwsError);
    expect((error as Error).message).to.match(/grant lambda:ListFunctions/);
  });
});

describe("aws/iam-authorization-details: the account's roles (real SDK client, local query server)", () => {
  let server: LocalIam | undefined;
  afterEach(async () => server?.close());

  it('pages GetAccountAuthorizationDetails, decodes documents and resolves attached policies', async () => {
    const policyArn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    server = await startLocalIam((r) =>
      r['Marker'] === 'm2'
        ? {
            result: `<RoleDetailList></RoleDetailList><Policies><member><PolicyName>AdministratorAccess</PolicyName><Arn>${policyArn}</Arn><DefaultVersionId>v1</DefaultVersionId><PolicyVersionList><member><Document>${enc(doc('*'))}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion></member></PolicyVersionList></member></Policies><IsTruncated>false</IsTruncated>`,
          }
        : {
            result: `<RoleDetailList><member><Path>/</Path><RoleName>web-role</RoleName><RoleId>AROA1</RoleId><Arn>${roleArn('web-role')}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><RolePolicyList><member><PolicyName>inline</PolicyName><PolicyDocument>${enc(doc('s3:*'))}</PolicyDocument></member></RolePolicyList><AttachedManagedPolicies><member><PolicyName>AdministratorAccess</PolicyName><PolicyArn>${policyArn}</PolicyArn></member></AttachedManagedPolicies></member><member><RoleName>bad</RoleName><Arn>not-an-arn</Arn></member></RoleDetailList><Policies></Policies><IsTruncated>true</IsTruncated><Marker>m2</Marker>`,
          },
    );
    const client = iamClient(options(server.endpoint));
    try {
      const state = await readIamStateFromApi(client);
      expect(state.roles.map((r) => r.arn)).to.deep.equal([roleArn('web-role')]);
      expect(
        state.roles[0]!.current.policies.map((p) => [p.kind, p.name, p.document.Statement[0]!.Action]),
      ).to.deep.equal([
        ['inline', 'inline', ['s3:*']],
        ['managed', policyArn, ['*']],
      ]);
      expect(state.problems).to.deep.equal([
        'IAM GetAccountAuthorizationDetails: RoleDetailList/1: no valid role ARN; skipped',
      ]);
      expect(
        server.requests.map((r) => [r['Action'], r['Marker'] ?? '', r['Filter.member.1']]),
      ).to.deep.equal([
        ['GetAccountAuthorizationDetails', '', 'Role'],
        ['GetAccountAuthorizationDetails', 'm2', 'Role'],
      ]);
    } finally {
      client.destroy();
    }
  });
});

describe('app/audit with both live sources (real SDK clients, local servers)', () => {
  let iam: LocalIam | undefined;
  let lambda: LocalLambda | undefined;
  afterEach(async () => {
    await iam?.close();
    await lambda?.close();
  });

  it('ranks the roles IAM returns by the exposure Lambda returns', async () => {
    iam = await startLocalIam(() => ({
      result: `<RoleDetailList>${['web-role', 'worker-role']
        .map(
          (name) =>
            `<member><Path>/</Path><RoleName>${name}</RoleName><RoleId>AROA${name.length}</RoleId><Arn>${roleArn(name)}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><RolePolicyList><member><PolicyName>p</PolicyName><PolicyDocument>${enc(doc('sqs:*'))}</PolicyDocument></member></RolePolicyList></member>`,
        )
        .join('')}</RoleDetailList><Policies></Policies><IsTruncated>false</IsTruncated>`,
    }));
    lambda = await startLocalLambda(lambdaAccount());
    const { audit } = await import('../../../src/app/audit.ts');
    const { accountReaders } = await import('../../../src/app/readers.ts');
    const { realCatalog } = await import('../../support/catalog.ts');
    const result = await audit(
      {
        cloudtrail: [],
        roles: [],
        strict: false,
        diffCommand: () => 'diff',
      },
      {
        catalog: await realCatalog('sqs'),
        ...accountReaders(
          { kind: 'api', client: options(iam.endpoint) },
          { kind: 'api', client: options(lambda.endpoint) },
        ),
      },
    );
    expect(result.problems).to.deep.equal([]);
    // Same grants (sqs:* on "*"), no use: public web-role (4) outranks external worker-role (3).
    expect(result.model.entries.map((e) => [e.role, e.exposure])).to.deep.equal([
      [roleArn('web-role'), 'public'],
      [roleArn('worker-role'), 'external'],
    ]);
    expect(result.model.entries[0]!.score).to.equal((result.model.entries[1]!.score / 3) * 4);
  });
});
