import { expect } from 'chai';
import { InternalError } from '../../../src/errors.ts';
import type { Fact } from '../../../src/model/fact.ts';
import type { PolicyDocument, Statement } from '../../../src/model/policy.ts';
import { catalogMisfits, verifyCatalogFit } from '../../../src/reduce/verify-catalog.ts';
import { verifyPolicy } from '../../../src/reduce/verify.ts';
import { realCatalog } from '../../support/catalog.ts';

const ACCOUNT = '123456789012';
const doc = (...statements: Statement[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statements,
});
const allow = (Action: string[], Resource: string[], Condition?: Statement['Condition']): Statement => ({
  Sid: 'S1',
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});

function fact(
  action: Fact['action'],
  resources: Fact['resources'],
  context: Record<string, string> = {},
): Fact {
  return {
    principal: `arn:aws:iam::${ACCOUNT}:role/app`,
    action,
    resources,
    context,
    outcome: 'allowed',
    count: 1,
    firstSeen: '2026-11-20T10:00:00.000Z',
    lastSeen: '2026-11-20T10:00:00.000Z',
    sources: ['cloudtrail'],
    inferred: false,
  };
}

describe('verifyPolicy: the evaluator self-check', () => {
  it('passes when every fact is allowed and every action was observed', () => {
    const facts = [fact('s3:GetObject', ['arn:aws:s3:::orders-bucket/in/a.json'])];
    verifyPolicy(doc(allow(['s3:GetObject'], ['arn:aws:s3:::orders-bucket/in/*'])), facts);
  });

  it('fails (InternalError) when an observed call is not allowed', () => {
    const facts = [fact('s3:GetObject', ['arn:aws:s3:::orders-bucket/out/a.json'])];
    expect(() => verifyPolicy(doc(allow(['s3:GetObject'], ['arn:aws:s3:::orders-bucket/in/*'])), facts))
      .to.throw(InternalError)
      .with.property('message')
      .that.includes('s3:GetObject on arn:aws:s3:::orders-bucket/out/a.json');
  });

  it('fails when the condition the policy sets is not in the call’s context', () => {
    const facts = [fact('kms:Decrypt', [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`])];
    const policy = doc(
      allow(['kms:Decrypt'], [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`], {
        StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] },
      }),
    );
    expect(() => verifyPolicy(policy, facts)).to.throw(InternalError);
  });

  it('fails when the policy names an action no fact supports', () => {
    const facts = [fact('sqs:SendMessage', [`arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`])];
    const policy = doc(
      allow(['sqs:SendMessage', 'sqs:DeleteQueue'], [`arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`]),
    );
    expect(() => verifyPolicy(policy, facts)).to.throw(InternalError, 'sqs:DeleteQueue');
  });
});

describe('verifyCatalogFit: the independent catalog self-check', () => {
  it('passes on ARNs and patterns that fit a resource type, and on supported keys', async () => {
    const catalog = await realCatalog('s3', 'kms', 'logs', 'ec2', 'cloudwatch');
    const policy = doc(
      allow(['s3:GetObject'], ['arn:aws:s3:::orders-bucket/in/*', 'arn:aws:s3:::odd${*}bucket/k${?}']),
      allow(['s3:ListBucket'], ['arn:aws:s3:::orders-bucket'], { StringLike: { 's3:prefix': ['in/*'] } }),
      allow(['kms:Decrypt'], [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`], {
        StringEquals: {
          'kms:ViaService': ['s3.eu-west-1.amazonaws.com'],
          'aws:SourceVpce': ['vpce-0a1b2c3d'],
        },
      }),
      allow(
        ['logs:PutLogEvents'],
        [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/f:log-stream:*`],
      ),
      allow(
        ['ec2:DetachVolume'],
        [
          `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc`,
          `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-0abc`,
        ],
      ),
      // A --compact widening keeps a common prefix: it still overlaps the object type.
      allow(['s3:GetObject'], ['arn:aws:s3:::orders-b*']),
      allow(['cloudwatch:PutMetricData'], ['*'], { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } }),
    );
    expect(catalogMisfits(policy, catalog)).to.deep.equal([]);
    verifyCatalogFit(policy, catalog);
  });

  it('fails on an ARN of the wrong resource type (a bucket for s3:GetObject, a table for sqs)', async () => {
    const catalog = await realCatalog('s3', 'sqs');
    const policy = doc(allow(['s3:GetObject'], ['arn:aws:s3:::orders-bucket']), {
      ...allow(['sqs:SendMessage'], [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/jobs`]),
      Sid: 'S2',
    });
    expect(catalogMisfits(policy, catalog).map((m) => [m.sid, m.action])).to.deep.equal([
      ['S1', 's3:GetObject'],
      ['S2', 'sqs:SendMessage'],
    ]);
    expect(() => verifyCatalogFit(policy, catalog))
      .to.throw(InternalError)
      .with.property('message')
      .that.includes('arn:aws:s3:::orders-bucket fits none of its resource types');
  });

  it('fails on a condition key one action of the statement does not support', async () => {
    const catalog = await realCatalog('kms');
    const policy = doc(
      allow(['kms:Decrypt', 'kms:ListAliases'], ['*'], {
        StringEquals: { 'kms:ViaService': ['signin.us-east-1.amazonaws.com'] },
      }),
    );
    expect(catalogMisfits(policy, catalog)).to.deep.equal([
      {
        sid: 'S1',
        action: 'kms:ListAliases',
        problem: 'condition key kms:ViaService is not one it supports',
      },
    ]);
    expect(() => verifyCatalogFit(policy, catalog)).to.throw(InternalError, 'kms:ListAliases');
  });

  it('fails on an action the catalog does not have, and on a shape tightrole never writes', async () => {
    const catalog = await realCatalog('s3');
    expect(catalogMisfits(doc(allow(['s3:GetObjekt'], ['*'])), catalog)[0]?.problem).to.equal(
      'no such action in the catalog',
    );
    const deny: Statement = { Effect: 'Deny', Action: ['s3:GetObject'], Resource: ['*'] };
    expect(catalogMisfits(doc(deny), catalog)).to.have.length(1);
  });
});
