import { expect } from 'chai';
import { catalogSplitter } from '../../../src/catalog/resource-split.ts';
import { generalizeResources } from '../../../src/reduce/generalize.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../../src/reduce/options.ts';
import { realCatalog } from '../../support/catalog.ts';

const opts = DEFAULT_REDUCE_OPTIONS;

describe('generalizeResources', () => {
  let safe: ReturnType<typeof catalogSplitter>;
  let aggressive: ReturnType<typeof catalogSplitter>;
  before(async () => {
    const c = await realCatalog('s3', 'logs', 'dynamodb', 'states');
    safe = catalogSplitter(c, 'safe');
    aggressive = catalogSplitter(c, 'aggressive');
  });

  it('keeps a single stable key exact', () => {
    expect(
      generalizeResources('s3:GetObject', ['arn:aws:s3:::b/config/settings.json'], opts, safe).resources,
    ).to.deep.equal(['arn:aws:s3:::b/config/settings.json']);
  });

  it('replaces UUIDs and date paths in keys, keeping the stable prefix and suffix', () => {
    const r = generalizeResources(
      's3:PutObject',
      ['arn:aws:s3:::uploads/incoming/2026/11/25/3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60.csv'],
      opts,
      safe,
    );
    expect(r.resources).to.deep.equal(['arn:aws:s3:::uploads/incoming/*/*/*/*.csv']);
    expect(r.generalizations[0]?.why).to.match(/UUID/);
  });

  it('collapses many distinct stable keys under one parent only past the threshold', () => {
    const keys = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `arn:aws:s3:::b/reports/${['alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta'][i]}.txt`,
      );
    expect(generalizeResources('s3:GetObject', keys(5), opts, safe).resources).to.have.length(5);
    expect(generalizeResources('s3:GetObject', keys(6), opts, safe).resources).to.deep.equal([
      'arn:aws:s3:::b/reports/*',
    ]);
    expect(
      generalizeResources('s3:GetObject', keys(6), { ...opts, collapseThreshold: 10 }, safe).resources,
    ).to.have.length(6);
  });

  it('generalizes Lambda log streams but never the log group', () => {
    const streams = ['abc0123456789abcdef0123456789abcd', 'ffff0123456789abcdef0123456789ab'].map(
      (id) =>
        `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f-2026-11:log-stream:2026/11/25/[\${$}LATEST]${id}`,
    );
    expect(generalizeResources('logs:PutLogEvents', streams, opts, safe).resources).to.deep.equal([
      'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f-2026-11:log-stream:*/*/*/[${$}LATEST]*',
    ]);
  });

  it('never generalizes across a resource-name boundary in safe mode (table names stay literal)', () => {
    const tables = ['orders-2026-11-20', 'orders-2026-11-21'].map(
      (t) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${t}`,
    );
    expect(generalizeResources('dynamodb:GetItem', tables, opts, safe).resources).to.deep.equal(tables);
  });

  it('generalizes names only when asked (--generalize aggressive)', () => {
    const tables = ['orders-2026-11-20', 'orders-2026-11-21'].map(
      (t) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${t}`,
    );
    expect(
      generalizeResources('dynamodb:GetItem', tables, { ...opts, generalize: 'aggressive' }, aggressive)
        .resources,
    ).to.deep.equal(['arn:aws:dynamodb:eu-west-1:123456789012:table/orders-*']);
  });

  it('generalizes Step Functions execution names', () => {
    const arns = ['run-3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60', 'run-4f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f61'].map(
      (e) => `arn:aws:states:eu-west-1:123456789012:execution:nightly:${e}`,
    );
    expect(generalizeResources('states:DescribeExecution', arns, opts, safe).resources).to.deep.equal([
      'arn:aws:states:eu-west-1:123456789012:execution:nightly:run-*',
    ]);
  });

  it('keeps escaped wildcards literal and drops patterns another one covers', () => {
    const r = generalizeResources(
      's3:GetObject',
      ['arn:aws:s3:::b/a${*}b', 'arn:aws:s3:::b/x/1001', 'arn:aws:s3:::b/x/1002'],
      opts,
      safe,
    );
    expect(r.resources).to.deep.equal(['arn:aws:s3:::b/a${*}b', 'arn:aws:s3:::b/x/*']);
  });

  it('with --generalize none keeps every ARN', () => {
    const arns = ['arn:aws:s3:::b/3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60'];
    expect(
      generalizeResources('s3:GetObject', arns, { ...opts, generalize: 'none' }, safe).resources,
    ).to.deep.equal(arns);
  });
});
