import { expect } from 'chai';
import { catalogSplitter } from '../../../src/catalog/resource-split.ts';
import { generalizeResources } from '../../../src/reduce/generalize.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../../src/reduce/options.ts';
import { matchesPattern } from '../../../src/policy/wildcard.ts';
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

  it('replaces UUIDs and date paths in keys once they vary, keeping the stable prefix and suffix', () => {
    const r = generalizeResources(
      's3:PutObject',
      [
        'arn:aws:s3:::uploads/incoming/2026/11/25/3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60.csv',
        'arn:aws:s3:::uploads/incoming/2026/11/26/9a2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f61.csv',
      ],
      opts,
      safe,
    );
    expect(r.resources).to.deep.equal(['arn:aws:s3:::uploads/incoming/*/*/*/*.csv']);
    expect(r.generalizations[0]?.why).to.match(/UUID/);
  });

  describe('safe mode needs evidence that a value varies (#19: one call never gives the bucket)', () => {
    const one = (key: string) =>
      generalizeResources('s3:GetObject', [`arn:aws:s3:::bucket/${key}`], opts, safe).resources;
    for (const key of [
      '1234',
      '20261120',
      'deadbeefcafe1',
      '3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60',
      '2026-11-20',
    ]) {
      it(`one GetObject on "${key}" stays exact`, () =>
        expect(one(key)).to.deep.equal([`arn:aws:s3:::bucket/${key}`]));
    }

    it('x/2026/11/20/y from one call stays exact; a second day makes x/*/*/*/y', () => {
      expect(one('x/2026/11/20/y')).to.deep.equal(['arn:aws:s3:::bucket/x/2026/11/20/y']);
      const two = ['x/2026/11/20/y', 'x/2026/11/21/y'].map((k) => `arn:aws:s3:::bucket/${k}`);
      expect(generalizeResources('s3:GetObject', two, opts, safe).resources).to.deep.equal([
        'arn:aws:s3:::bucket/x/*/*/*/y',
      ]);
    });

    it('never replaces a whole key without a stable prefix, however many values', () => {
      const keys = Array.from({ length: 8 }, (_, i) => `arn:aws:s3:::bucket/${1000 + i}`);
      expect(generalizeResources('s3:GetObject', keys, opts, safe).resources).to.deep.equal(keys);
      const uuids = ['3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60', '4f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f61'];
      const arns = uuids.map((u) => `arn:aws:s3:::bucket/${u}.json`);
      expect(generalizeResources('s3:GetObject', arns, opts, safe).resources).to.deep.equal(arns);
    });
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

  it('generalizes Lambda log streams to the log group (one stream is enough), never the group', () => {
    const group = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f-2026-11';
    const stream = `${group}:log-stream:2026/11/25/[\${$}LATEST]abc0123456789abcdef0123456789abcd`;
    for (const [mode, split] of [
      ['safe', () => safe],
      ['aggressive', () => aggressive],
    ] as const) {
      const r = generalizeResources('logs:PutLogEvents', [stream], { ...opts, generalize: mode }, split());
      const want =
        mode === 'safe'
          ? [`${group}:log-stream:*`]
          : ['arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f-*-11:log-stream:*'];
      expect(r.resources, mode).to.deep.equal(want);
    }
  });

  it('aggressive is at least as general as safe for per-request parts (no days kept)', () => {
    const keys = ['in/2026/11/18/a.json', 'in/2026/11/19/a.json', 'in/2026/11/22/a.json'].map(
      (k) => `arn:aws:s3:::bucket-2026/${k}`,
    );
    const s = generalizeResources('s3:GetObject', keys, opts, safe).resources;
    const a = generalizeResources(
      's3:GetObject',
      keys,
      { ...opts, generalize: 'aggressive' },
      aggressive,
    ).resources;
    expect(s).to.deep.equal(['arn:aws:s3:::bucket-2026/in/*/*/*/a.json']);
    expect(a).to.deep.equal(['arn:aws:s3:::bucket-*/in/*/*/*/a.json']);
    // Every ARN the safe pattern allows, the aggressive one allows too.
    const later = 'arn:aws:s3:::bucket-2026/in/2027/01/05/a.json';
    expect(matchesPattern(s[0]!, later, { caseInsensitive: false })).to.equal('match');
    expect(matchesPattern(a[0]!, later, { caseInsensitive: false })).to.equal('match');
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
