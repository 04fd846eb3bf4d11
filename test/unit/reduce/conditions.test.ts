import { expect } from 'chai';
import type { Fact } from '../../../src/model/fact.ts';
import { conditionsFor } from '../../../src/reduce/conditions.ts';

const fact = (context: Record<string, string>, action = 's3:GetObject'): Fact => ({
  principal: 'arn:aws:iam::123456789012:role/r',
  action: action as Fact['action'],
  resources: ['arn:aws:s3:::b/k'],
  context,
  outcome: 'allowed',
  count: 2,
  firstSeen: '2026-11-20T00:00:00Z',
  lastSeen: '2026-11-21T00:00:00Z',
  sources: ['cloudtrail'],
  inferred: false,
});

describe('conditionsFor: only where every supporting observation agrees', () => {
  it('adds aws:SourceVpce when every call came through a VPC endpoint', () => {
    const r = conditionsFor(
      's3:GetObject',
      [fact({ 'aws:SourceVpce': 'vpce-1' }), fact({ 'aws:SourceVpce': 'vpce-2' })],
      ['arn:aws:s3:::b/k'],
    );
    expect(r.condition).to.deep.equal({ StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } });
    expect(r.notes[0]).to.include({ key: 'aws:SourceVpce', calls: 4 });
  });

  it('adds none when one call did not use an endpoint', () => {
    expect(
      conditionsFor('s3:GetObject', [fact({ 'aws:SourceVpce': 'vpce-1' }), fact({})], ['arn:aws:s3:::b/k'])
        .condition,
    ).to.equal(undefined);
  });

  it('adds aws:RequestedRegion only on statements that must use "*"', () => {
    const facts = [fact({ 'aws:RequestedRegion': 'eu-west-1' }, 'cloudwatch:PutMetricData')];
    expect(conditionsFor('cloudwatch:PutMetricData', facts, ['*']).condition).to.deep.equal({
      StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] },
    });
    expect(
      conditionsFor('s3:GetObject', [fact({ 'aws:RequestedRegion': 'eu-west-1' })], ['arn:aws:s3:::b/k'])
        .condition,
    ).to.equal(undefined);
  });

  it('scopes s3:ListBucket by the observed prefixes, generalized like keys once they vary, escaped', () => {
    const facts = [
      fact({ 's3:prefix': 'in/2026/11/20/' }, 's3:ListBucket'),
      fact({ 's3:prefix': 'in/2026/11/21/' }, 's3:ListBucket'),
      fact({ 's3:prefix': 'odd*name/' }, 's3:ListBucket'),
    ];
    expect(conditionsFor('s3:ListBucket', facts, ['arn:aws:s3:::b']).condition).to.deep.equal({
      StringLike: { 's3:prefix': ['in/*/*/*/', 'odd${*}name/'] },
    });
    // One day seen proves no variation; a prefix that is volatile from its start stays as observed.
    const once = [fact({ 's3:prefix': 'in/2026/11/20/' }, 's3:ListBucket')];
    expect(conditionsFor('s3:ListBucket', once, ['arn:aws:s3:::b']).condition).to.deep.equal({
      StringEquals: { 's3:prefix': ['in/2026/11/20/'] },
    });
    const dates = ['20261120/', '20261121/'].map((p) => fact({ 's3:prefix': p }, 's3:ListBucket'));
    expect(conditionsFor('s3:ListBucket', dates, ['arn:aws:s3:::b']).condition).to.deep.equal({
      StringEquals: { 's3:prefix': ['20261120/', '20261121/'] },
    });
    const root = [fact({ 's3:prefix': '' }, 's3:ListBucket')];
    expect(conditionsFor('s3:ListBucket', root, ['arn:aws:s3:::b']).condition).to.equal(undefined);
  });

  it('adds kms:ViaService and iam:PassedToService from the evidence', () => {
    expect(
      conditionsFor(
        'kms:Decrypt',
        [fact({ 'kms:ViaService': 's3.eu-west-1.amazonaws.com' }, 'kms:Decrypt')],
        ['arn:k'],
      ).condition,
    ).to.deep.equal({
      StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] },
    });
    expect(
      conditionsFor(
        'iam:PassRole',
        [fact({ 'iam:PassedToService': 'lambda.amazonaws.com' }, 'iam:PassRole')],
        ['arn:r'],
      ).condition,
    ).to.deep.equal({
      StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] },
    });
  });
});
