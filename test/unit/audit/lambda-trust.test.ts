import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { lambdaOnlyTrustRoles } from '../../../src/audit/lambda-trust.ts';

const role = (name: string, trust: unknown) => ({
  Arn: `arn:aws:iam::123456789012:role/${name}`,
  RoleName: name,
  AssumeRolePolicyDocument: trust,
});
const trust = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });
const lambda = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };

describe('roles only Lambda may assume (trust policy)', () => {
  it('takes a role trusted by lambda.amazonaws.com alone, as JSON or URL-encoded', () => {
    const data = {
      RoleDetailList: [
        role('a', trust(lambda)),
        role('b', encodeURIComponent(JSON.stringify(trust(lambda)))),
        role(
          'edge',
          trust({ ...lambda, Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] } }),
        ),
        role(
          'person',
          trust(lambda, {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Action: 'sts:AssumeRole',
          }),
        ),
        role('any', trust({ ...lambda, Principal: '*' })),
        role('tag-only', trust({ ...lambda, Action: 'sts:TagSession' })),
        role('broken', '%7Bnot json'),
      ],
    };
    const out = lambdaOnlyTrustRoles(data, 'iam.json');
    expect(out.roles).to.deep.equal(['arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/b']);
    expect(out.problems).to.have.length(1);
    expect(out.problems[0]).to.match(/^iam\.json: RoleDetailList\/6\/AssumeRolePolicyDocument.*not used/);
  });

  it("finds the sample account's four Lambda roles and not the GitHub deploy role", () => {
    const data: unknown = JSON.parse(readFileSync('samples/account/iam-authorization-details.json', 'utf8'));
    expect(lambdaOnlyTrustRoles(data, 'samples').roles.map((r) => r.split('/').pop())).to.deep.equal([
      'legacy-export-role',
      'nightly-report-role',
      'receipt-worker-role',
      'orders-api-role', // role/service-role/... sorts after role/r...
    ]);
  });
});
