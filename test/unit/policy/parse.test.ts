import { expect } from 'chai';
import { parsePolicyDocument, parsePolicyJson, type PolicyIssue } from '../../../src/policy/parse.ts';

const V = '2012-10-17';
const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

function issuesOf(input: unknown): PolicyIssue[] {
  const r = parsePolicyDocument(input);
  expect(r.ok, JSON.stringify(r)).to.equal(false);
  return r.issues;
}

function policyOf(input: unknown) {
  const r = parsePolicyDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('parsePolicyDocument', () => {
  it('normalizes every list to an array and keeps arrays as given', () => {
    const { policy, issues } = policyOf({
      Version: V,
      Id: 'p1',
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          NotResource: 'arn:aws:s3:::x/*',
        },
      ],
    });
    expect(issues).to.deep.equal([]);
    expect(policy).to.deep.equal({
      Version: V,
      Id: 'p1',
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          NotResource: ['arn:aws:s3:::x/*'],
        },
      ],
    });
  });

  it('accepts a Statement given as a single object', () => {
    const { policy } = policyOf({ Version: V, Statement: allow });
    expect(policy.Statement).to.deep.equal([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }]);
  });

  it('turns numbers and booleans in condition values into strings', () => {
    const { policy } = policyOf({
      Version: V,
      Statement: [
        {
          ...allow,
          Condition: {
            NumericLessThan: { 's3:max-keys': 10 },
            Bool: { 'aws:SecureTransport': [true, 'false'] },
          },
        },
      ],
    });
    expect(policy.Statement[0]!.Condition).to.deep.equal({
      NumericLessThan: { 's3:max-keys': ['10'] },
      Bool: { 'aws:SecureTransport': ['true', 'false'] },
    });
  });

  it('normalizes principals ("*" or a map of lists)', () => {
    const { policy } = policyOf({
      Version: V,
      Statement: [
        { ...allow, Principal: '*' },
        { ...allow, Principal: { AWS: 'arn:aws:iam::123456789012:root', Service: ['lambda.amazonaws.com'] } },
      ],
    });
    expect(policy.Statement.map((s) => s.Principal)).to.deep.equal([
      '*',
      { AWS: ['arn:aws:iam::123456789012:root'], Service: ['lambda.amazonaws.com'] },
    ]);
  });

  it('defaults a missing Version to 2008-10-17 as IAM does, with a warning', () => {
    const r = policyOf({ Statement: [allow] });
    expect(r.policy.Version).to.equal('2008-10-17');
    expect(r.issues.map((i) => i.path)).to.deep.equal(['/Version']);
  });

  it('keeps a __proto__ key as data (and warns about the operator)', () => {
    const r = policyOf(
      JSON.parse(
        `{"Version":"${V}","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"__proto__":{"k":"v"}}}}`,
      ),
    );
    expect(Object.keys(r.policy.Statement[0]!.Condition!)).to.deep.equal(['__proto__']);
    expect(r.issues.map((i) => i.path)).to.deep.equal(['/Statement/Condition/__proto__']);
  });

  it('never mutates its input', () => {
    const input = {
      Version: V,
      Statement: { ...allow, Condition: { Bool: { 'aws:SecureTransport': true } } },
    };
    const copy = structuredClone(input);
    policyOf(input);
    expect(input).to.deep.equal(copy);
  });

  describe('errors, addressed by JSON pointer', () => {
    const cases: [string, unknown, PolicyIssue[]][] = [
      ['a non-object document', [], [{ path: '', message: 'must be object' }]],
      ['no Statement', { Version: V }, [{ path: '/Statement', message: 'is required' }]],
      [
        'an unknown Version',
        { Version: '2020-01-01', Statement: [allow] },
        [{ path: '/Version', message: 'must be one of ["2012-10-17","2008-10-17"]' }],
      ],
      [
        'an unknown top-level key',
        { Version: V, Statement: [allow], Extra: 1 },
        [{ path: '/Extra', message: 'is not an element allowed here' }],
      ],
      [
        'a bad Effect',
        { Version: V, Statement: [{ ...allow, Effect: 'allow' }] },
        [{ path: '/Statement/0/Effect', message: 'must be one of ["Allow","Deny"]' }],
      ],
      [
        'a missing Effect',
        { Version: V, Statement: [{ Action: '*', Resource: '*' }] },
        [{ path: '/Statement/0/Effect', message: 'is required' }],
      ],
      [
        'an Action that is a number',
        { Version: V, Statement: [{ ...allow, Action: 5 }] },
        [{ path: '/Statement/0/Action', message: 'must be string or array' }],
      ],
      [
        'a non-string in an Action list',
        { Version: V, Statement: [allow, { ...allow, Action: ['s3:GetObject', 5] }] },
        [{ path: '/Statement/1/Action/1', message: 'must be string' }],
      ],
      [
        'a misspelt statement key',
        { Version: V, Statement: [{ ...allow, Resources: '*' }] },
        [{ path: '/Statement/0/Resources', message: 'is not an element allowed here' }],
      ],
      [
        'a null condition value',
        { Version: V, Statement: [{ ...allow, Condition: { StringEquals: { 'aws:x': null } } }] },
        [
          {
            path: '/Statement/0/Condition/StringEquals/aws:x',
            message: 'must be string or number or boolean or array',
          },
        ],
      ],
      [
        'a Principal string other than *',
        { Version: V, Statement: [{ ...allow, Principal: 'me' }] },
        [{ path: '/Statement/0/Principal', message: 'must be "*"' }],
      ],
      [
        'an unknown principal type',
        { Version: V, Statement: [{ ...allow, Principal: { Group: 'x' } }] },
        [
          {
            path: '/Statement/0/Principal/Group',
            message: 'is not a principal type (AWS, Service, Federated, CanonicalUser)',
          },
        ],
      ],
      [
        'both Action and NotAction',
        { Version: V, Statement: [{ ...allow, NotAction: 's3:*' }] },
        [{ path: '/Statement/0', message: 'needs exactly one of Action or NotAction' }],
      ],
      [
        'neither Action nor NotAction',
        { Version: V, Statement: [{ Effect: 'Deny', Resource: '*' }] },
        [{ path: '/Statement/0', message: 'needs exactly one of Action or NotAction' }],
      ],
      [
        'both Resource and NotResource',
        { Version: V, Statement: [{ ...allow, NotResource: '*' }] },
        [{ path: '/Statement/0', message: 'has both Resource and NotResource' }],
      ],
      [
        'a bad single statement object (path without index)',
        { Version: V, Statement: { ...allow, Effect: 'Maybe' } },
        [{ path: '/Statement/Effect', message: 'must be one of ["Allow","Deny"]' }],
      ],
      [
        'a key with / escaped in the pointer',
        { Version: V, Statement: [{ ...allow, 'a/b~c': 1 }] },
        [{ path: '/Statement/0/a~1b~0c', message: 'is not an element allowed here' }],
      ],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => {
        expect(issuesOf(input)).to.deep.equal(expected);
      });
    }
  });

  describe('warnings (the policy still parses)', () => {
    const cases: [string, unknown, string[]][] = [
      [
        'no Resource in an identity statement',
        { Version: V, Statement: [{ Effect: 'Allow', Action: '*' }] },
        ['/Statement/0'],
      ],
      [
        'an unknown condition operator',
        { Version: V, Statement: [{ ...allow, Condition: { StringEqualz: { k: 'v' } } }] },
        ['/Statement/0/Condition/StringEqualz'],
      ],
      [
        'a malformed action in a list',
        { Version: V, Statement: [{ ...allow, Action: ['s3:GetObject', 's3GetObject'] }] },
        ['/Statement/0/Action/1'],
      ],
      [
        'a duplicated Sid',
        {
          Version: V,
          Statement: [
            { ...allow, Sid: 'A' },
            { ...allow, Sid: 'A' },
          ],
        },
        ['/Statement/1/Sid'],
      ],
      ['an empty Statement list', { Version: V, Statement: [] }, ['/Statement']],
      [
        'a warning in a single statement object',
        { Version: V, Statement: { Effect: 'Allow', Action: '*' } },
        ['/Statement'],
      ],
    ];
    for (const [name, input, paths] of cases) {
      it(name, () => {
        expect(policyOf(input).issues.map((i) => i.path)).to.deep.equal(paths);
      });
    }
    it('knows every operator form: prefixes and IfExists', () => {
      const Condition = {
        'ForAnyValue:StringLikeIfExists': { k: 'v' },
        'ForAllValues:ArnNotEquals': { k: 'v' },
        Null: { k: 'true' },
        NotIpAddressIfExists: { k: '10.0.0.0/8' },
      };
      expect(policyOf({ Version: V, Statement: [{ ...allow, Condition }] }).issues).to.deep.equal([]);
    });
  });
});

describe('parsePolicyJson', () => {
  it('reports invalid JSON as an issue instead of throwing', () => {
    const r = parsePolicyJson('{"Version": ');
    expect(r.ok).to.equal(false);
    expect(r.issues).to.have.length(1);
    expect(r.issues[0]!.path).to.equal('');
    expect(r.issues[0]!.message).to.match(/^not JSON: /);
  });

  it('parses text with a byte-order mark', () => {
    const r = parsePolicyJson(`\uFEFF${JSON.stringify({ Version: V, Statement: allow })}`);
    expect(r.ok).to.equal(true);
  });

  it('reports schema issues of valid JSON', () => {
    expect(parsePolicyJson('"policy"')).to.deep.equal({
      ok: false,
      issues: [{ path: '', message: 'must be object' }],
    });
  });
});
