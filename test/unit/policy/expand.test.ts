import { expect } from 'chai';
import { expandActionPatterns, expandNotAction } from '../../../src/policy/expand.ts';

const CATALOG = [
  's3:PutObject',
  's3:GetObject',
  's3:GetObjectAcl',
  's3:ListBucket',
  'sqs:SendMessage',
  'sqs:GetQueueUrl',
  'S3:GETOBJECT',
  'iam:PassRole',
];

describe('expandActionPatterns', () => {
  it('expands a service wildcard to the catalog actions, sorted, in catalog case, once each', () => {
    expect(expandActionPatterns(['s3:*'], CATALOG)).to.deep.equal([
      's3:GetObject',
      's3:GetObjectAcl',
      's3:ListBucket',
      's3:PutObject',
    ]);
  });

  it('matches prefixes and ? case-insensitively', () => {
    expect(expandActionPatterns(['S3:get*'], CATALOG)).to.deep.equal(['s3:GetObject', 's3:GetObjectAcl']);
    expect(expandActionPatterns(['sqs:???QueueUrl'], CATALOG)).to.deep.equal(['sqs:GetQueueUrl']);
  });

  it('expands * to every catalog action', () => {
    expect(expandActionPatterns(['*'], CATALOG)).to.have.length(7);
  });

  it('unions several patterns without duplicates', () => {
    expect(expandActionPatterns(['s3:GetObject', 's3:Get*', 'iam:PassRole'], CATALOG)).to.deep.equal([
      'iam:PassRole',
      's3:GetObject',
      's3:GetObjectAcl',
    ]);
  });

  it('drops actions the catalog does not know', () => {
    expect(expandActionPatterns(['s3:Nope', 'ec2:*'], CATALOG)).to.deep.equal([]);
    expect(expandActionPatterns([], CATALOG)).to.deep.equal([]);
  });

  it('does not treat ${...} as a variable in actions', () => {
    expect(expandActionPatterns(['s3:${aws:username}'], ['s3:${aws:username}', 's3:Get'])).to.deep.equal([
      's3:${aws:username}',
    ]);
  });
});

describe('expandNotAction', () => {
  it('gives every catalog action the NotAction list does not match', () => {
    expect(expandNotAction(['s3:*', 'iam:*'], CATALOG)).to.deep.equal(['sqs:GetQueueUrl', 'sqs:SendMessage']);
  });

  it('is the complement of expandActionPatterns within the catalog', () => {
    const patterns = ['s3:Get*', 'sqs:Send*'];
    const all = expandActionPatterns(['*'], CATALOG);
    const both = [...expandActionPatterns(patterns, CATALOG), ...expandNotAction(patterns, CATALOG)].sort();
    expect(both).to.deep.equal(all);
  });

  it('NotAction * leaves nothing', () => {
    expect(expandNotAction(['*'], CATALOG)).to.deep.equal([]);
  });
});
