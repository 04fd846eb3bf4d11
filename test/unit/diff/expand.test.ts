import { expect } from 'chai';
import {
  expandPattern,
  indexActions,
  normalizeAccessLevel,
  statementActions,
} from '../../../src/diff/expand.ts';
import { realCatalog } from '../../support/catalog.ts';
import { fakeIndex } from './fake-index.ts';

const names = (list: { action: string }[]) => list.map((a) => a.action);

describe('diff/expand: patterns -> concrete catalog actions', () => {
  const index = fakeIndex();

  it('expands service wildcards, prefixes and "*", case-insensitively', () => {
    expect(names(expandPattern('s3:*', index))).to.deep.equal([
      's3:GetObject',
      's3:ListBucket',
      's3:PutBucketPolicy',
      's3:PutObject',
      's3:TagResource',
    ]);
    expect(names(expandPattern('S3:put*', index))).to.deep.equal(['s3:PutBucketPolicy', 's3:PutObject']);
    expect(names(expandPattern('iam:?etRole', index))).to.deep.equal(['iam:GetRole']);
    expect(expandPattern('*', index)).to.have.length(11);
    expect(expandPattern('*:Get*', index).map((a) => a.action)).to.deep.equal([
      'iam:GetRole',
      's3:GetObject',
      'sts:GetCallerIdentity',
    ]);
    expect(expandPattern('nosuch:*', index)).to.deep.equal([]);
  });

  it('turns NotAction into every action it does not name', () => {
    const actions = statementActions(
      { Effect: 'Allow', NotAction: ['iam:*', 'sts:AssumeRole'], Resource: ['*'] },
      index,
    );
    expect(names(actions)).to.deep.equal([
      's3:GetObject',
      's3:ListBucket',
      's3:PutBucketPolicy',
      's3:PutObject',
      's3:TagResource',
      'sts:GetCallerIdentity',
    ]);
  });

  it('gives each action its access level, iam-data pairs reduced to the first', () => {
    const levels = Object.fromEntries(expandPattern('s3:*', index).map((a) => [a.action, a.accessLevel]));
    expect(levels).to.deep.equal({
      's3:GetObject': 'Read',
      's3:ListBucket': 'List',
      's3:PutBucketPolicy': 'Permissions management',
      's3:PutObject': 'Write',
      's3:TagResource': 'Tagging',
    });
    expect(normalizeAccessLevel('Permissions management, Write')).to.equal('Permissions management');
  });

  it('expands against the real catalog (s3:Get* is every Get action of S3, all Read)', async () => {
    const catalog = await realCatalog('s3');
    const real = indexActions(catalog.loadedServices().filter((s) => s.prefix === 's3'));
    const gets = expandPattern('s3:Get*', real);
    expect(gets.length).to.be.greaterThan(40);
    expect(gets.every((a) => a.action.startsWith('s3:Get'))).to.equal(true);
    expect(names(gets)).to.include('s3:GetObject');
    expect(expandPattern('s3:getobject', real).map((a) => [a.action, a.accessLevel])).to.deep.equal([
      ['s3:GetObject', 'Read'],
    ]);
  });
});
