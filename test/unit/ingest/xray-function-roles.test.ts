import { expect } from 'chai';
import {
  FunctionRoleTable,
  LearnedFunctionRoles,
  functionRoleFromRecord,
  parseFunctionRoleFlag,
  resolveFromTables,
} from '../../../src/ingest/function-roles.ts';
import { parseFunctionRoleMapping } from '../../../src/sources/xray-role-file.ts';

const ROLE_A = 'arn:aws:iam::123456789012:role/service-role/orders-api-role';
const ROLE_B = 'arn:aws:iam::123456789012:role/other-role';
const ROLE_C = 'arn:aws:iam::123456789012:role/from-cloudtrail';
const subject = {
  name: 'orders-api',
  functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api',
  account: '123456789012',
  region: 'eu-west-1',
};

function lambdaRecord(
  session: string,
  role: string,
  userAgent = 'aws-sdk-js/3 exec-env/AWS_Lambda_nodejs20.x',
) {
  return {
    userAgent,
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE:${session}`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: role } },
    },
  };
}

describe('function -> role resolution', () => {
  it('parses --function-role NAME=ROLE_ARN and rejects anything else', () => {
    expect(parseFunctionRoleFlag(`orders-api=${ROLE_A}`)).to.deep.equal(['orders-api', ROLE_A]);
    expect(parseFunctionRoleFlag(`${subject.functionArn}=${ROLE_A}`)).to.deep.equal([
      subject.functionArn,
      ROLE_A,
    ]);
    expect(parseFunctionRoleFlag('orders-api')).to.match(/expected FUNCTION=ROLE_ARN/);
    expect(parseFunctionRoleFlag('orders-api=arn:aws:sts::123456789012:assumed-role/x/y')).to.match(
      /not a role ARN/,
    );
  });

  it('reads a mapping file, keeping valid entries and naming the rejected ones', () => {
    const parsed = parseFunctionRoleMapping({ $comment: 'x', 'orders-api': ROLE_A, bad: 'role/x' });
    expect(parsed.entries).to.deep.equal([['orders-api', ROLE_A]]);
    expect(parsed.problems).to.have.length(1);
  });

  it('learns session -> role from CloudTrail role sessions (Lambda names the session after the function)', () => {
    expect(functionRoleFromRecord(lambdaRecord('orders-api', ROLE_A))).to.deep.equal({
      session: 'orders-api',
      role: ROLE_A,
      account: '123456789012',
      lambda: true,
    });
    expect(functionRoleFromRecord({ userIdentity: { type: 'IAMUser' } })).to.equal(undefined);
  });

  it('tries explicit entries, then the mapping file, then CloudTrail', () => {
    const learned = new LearnedFunctionRoles();
    learned.learn(lambdaRecord('orders-api', ROLE_C));
    const empty = new FunctionRoleTable();
    const explicit = new FunctionRoleTable([['orders-api', ROLE_A]]);
    const file = new FunctionRoleTable([[subject.functionArn, ROLE_B]]);
    expect(resolveFromTables(subject, { explicit, file, learned })).to.deep.equal({
      kind: 'resolved',
      role: ROLE_A,
      via: 'explicit',
    });
    expect(resolveFromTables(subject, { explicit: empty, file, learned })).to.deep.equal({
      kind: 'resolved',
      role: ROLE_B,
      via: 'file',
    });
    expect(resolveFromTables(subject, { explicit: empty, file: empty, learned })).to.deep.equal({
      kind: 'resolved',
      role: ROLE_C,
      via: 'cloudtrail',
    });
    expect(
      resolveFromTables(subject, { explicit: empty, file: empty, learned: new LearnedFunctionRoles() }),
    ).to.equal(undefined);
  });

  it('never guesses: two roles under one session name is unresolved, whatever their user agents', () => {
    const learned = new LearnedFunctionRoles();
    learned.learn(lambdaRecord('orders-api', ROLE_C));
    const empty = new FunctionRoleTable();
    expect(resolveFromTables(subject, { explicit: empty, file: empty, learned })).to.deep.include({
      role: ROLE_C,
    });
    // A user agent is the record's own word: a Lambda one does not outrank a console session.
    learned.learn(lambdaRecord('orders-api', ROLE_A, 'console.amazonaws.com'));
    expect(resolveFromTables(subject, { explicit: empty, file: empty, learned })).to.deep.equal({
      kind: 'unresolved',
      reason: `several roles match orders-api (cloudtrail: ${ROLE_C} (Lambda user agent), ${ROLE_A}); none is used, name one with --function-role`,
    });
    // Another account's function of the same name is not this one.
    expect(learned.lookup({ ...subject, account: '210987654321' })).to.equal(undefined);
  });
});
