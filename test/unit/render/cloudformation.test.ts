import { expect } from 'chai';
import fc from 'fast-check';
import YAML from 'yaml';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { renderCloudFormation } from '../../../src/render/cloudformation.ts';
import { orderedPolicy } from '../../../src/render/json.ts';
import { hostilePolicy, hostileString } from './policy-arbitraries.ts';

/** Strings a YAML writer must quote; `${...}` stays literal because we never emit `!Sub`. */
const HOSTILE = [
  '*',
  '&a',
  '*alias',
  '!Ref x',
  '- x',
  'a: b',
  ': ',
  '# c',
  'a #b',
  'line\nbreak',
  'tab\there',
  '"',
  "'",
  '${AWS::AccountId}',
  '${aws:username}',
  '2012-10-17',
  'yes',
  'No',
  'on',
  'null',
  '0x10',
  '1e3',
  '~',
  '',
  ' lead',
  'trail ',
  '%TAG',
  '---',
  '...',
  '? q',
  '|',
  '>',
  '@x',
  '`x',
  '{a: 1}',
  '[1]',
  'a\u2028b',
  'a\u0085b',
  'a\u202eb',
  '\ufeffbom',
];

const policy = (values: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'S1',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: values,
      Condition: { StringLike: Object.fromEntries(values.map((v) => [v, values])) },
    },
  ],
});

type Template = {
  Resources: Record<
    string,
    { Type: string; Properties: Record<string, unknown> & { PolicyDocument: unknown } }
  >;
};
const parseYaml = (text: string) => YAML.parse(text, { version: '1.1' }) as Template;
const parseJson = (text: string) => JSON.parse(text) as Template;

describe('CloudFormation / SAM', () => {
  it('AWS::IAM::RolePolicy: hostile strings parse back identically from YAML and JSON', () => {
    const doc = policy(HOSTILE);
    for (const [format, read] of [
      ['yaml', parseYaml],
      ['json', parseJson],
    ] as const) {
      const text = renderCloudFormation([{ name: 'orders-api-role', policy: doc }], {
        format,
        kind: 'role-policy',
      });
      expect(read(text).Resources).to.deep.equal({
        OrdersApiRolePolicy: {
          Type: 'AWS::IAM::RolePolicy',
          Properties: {
            PolicyName: 'orders-api-role-least-privilege',
            RoleName: 'orders-api-role',
            PolicyDocument: orderedPolicy(doc),
          },
        },
      });
    }
  });

  it('never writes an alias, tag or directive, and writes invisible characters as escapes', () => {
    const text = renderCloudFormation([{ name: 'r', policy: policy(HOSTILE) }], {
      format: 'yaml',
      kind: 'role-policy',
    });
    expect(text).not.to.match(/^\s*(- )?[&*!%]/m);
    expect(text).not.to.match(/[\u0085\u2028\u202e\ufeff]/);
    expect(text).to.include('"a\\u2028b"');
  });

  it('quotes what YAML 1.1 readers would take for dates, booleans or numbers', () => {
    const text = renderCloudFormation([{ name: 'r', policy: policy(['yes', '0x10']) }], {
      format: 'yaml',
      kind: 'managed-policy',
    });
    expect(text).to.match(/Version: "2012-10-17"/);
    expect(text).to.match(/- "yes"/);
    expect(text).to.match(/- "0x10"/);
  });

  it('quotes what YAML 1.2 readers type too: 0o7 and 0o17 (from s3:prefix values) read back as strings', () => {
    const values = [
      '0o7',
      '0o17',
      '0x1F',
      '+12',
      '.5',
      '1e3',
      '.Inf',
      '12:30',
      '1_000',
      '~',
      'NULL',
      'y',
      '<<',
      '=',
    ];
    const text = renderCloudFormation([{ name: 'r', policy: policy(values) }], {
      format: 'yaml',
      kind: 'managed-policy',
    });
    for (const v of values) expect(text).to.include(`- "${v}"`);
    for (const version of ['1.1', '1.2'] as const) {
      const back = YAML.parse(text, { version }) as Template;
      expect(Object.values(back.Resources)[0]!.Properties.PolicyDocument).to.deep.equal(
        orderedPolicy(policy(values)),
      );
    }
  });

  it('every scalar reads back as the same string under YAML 1.1 and 1.2, numbers-like or not (fast-check)', () => {
    const numberish = fc
      .tuple(
        fc.constantFrom('', '0o', '0x', '0b', '+', '-', '.', '0'),
        fc.string({ unit: fc.constantFrom(...'0123456789abeEfx.+-_:'.split('')), maxLength: 6 }),
      )
      .map(([head, tail]) => head + tail);
    const word = fc.constantFrom(
      '~',
      'null',
      'Null',
      'true',
      'False',
      'yes',
      'NO',
      'on',
      'Off',
      'y',
      'N',
      '<<',
      '=',
      '.nan',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(numberish, word, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 6 }),
        (values) => {
          const doc = policy(values);
          const text = renderCloudFormation([{ name: 'r', policy: doc }], {
            format: 'yaml',
            kind: 'managed-policy',
          });
          for (const version of ['1.1', '1.2'] as const) {
            const back = YAML.parse(text, { version }) as Template;
            expect(Object.values(back.Resources)[0]!.Properties.PolicyDocument).to.deep.equal(
              orderedPolicy(doc),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('AWS::IAM::ManagedPolicy attached with Roles; options.roleName wins; logical IDs alphanumeric and unique', () => {
    const names = ['a b', 'a-b', '../x', '', '9lives', 'x'.repeat(300)];
    const text = renderCloudFormation(
      names.map((name) => ({ name, policy: policy(['*']), roleName: 'ignored' })),
      { format: 'json', kind: 'managed-policy', roleName: 'my-role' },
    );
    const resources = Object.entries(parseJson(text).Resources);
    expect(resources).to.have.length(names.length);
    for (const [id, r] of resources) {
      expect(id).to.match(/^[A-Za-z0-9]{1,255}$/);
      expect(r.Type).to.equal('AWS::IAM::ManagedPolicy');
      expect(r.Properties['Roles']).to.deep.equal(['my-role']);
    }
  });

  it('gives IAM-valid, unique PolicyNames for hostile names', () => {
    const names = ['a b', 'a/b', 'x'.repeat(300), ''];
    const text = renderCloudFormation(
      names.map((name) => ({ name, policy: policy(['*']) })),
      { format: 'json', kind: 'role-policy' },
    );
    const policyNames = Object.values(parseJson(text).Resources).map(
      (r) => r.Properties['PolicyName'] as string,
    );
    for (const n of policyNames) expect(n).to.match(/^[\w+=,.@-]{1,128}$/);
    expect(new Set(policyNames.map((n) => n.toLowerCase())).size).to.equal(names.length);
    expect(Object.values(parseJson(text).Resources).map((r) => r.Properties['RoleName'])).to.deep.equal(
      names,
    );
  });

  it('sam: a Policies: list of inline documents', () => {
    const doc = policy(['arn:aws:s3:::b/k']);
    const text = renderCloudFormation([{ name: 'r', policy: doc }], { format: 'yaml', kind: 'sam' });
    expect(text.startsWith('Policies:\n  - Version: "2012-10-17"\n')).to.equal(true);
    expect(YAML.parse(text)).to.deep.equal({ Policies: [orderedPolicy(doc)] });
  });

  it('round-trips hostile policies through YAML (1.1 and 1.2 readers) and JSON (fast-check)', () => {
    fc.assert(
      fc.property(hostilePolicy, hostileString, (doc, name) => {
        const expected = orderedPolicy(doc);
        const yaml = renderCloudFormation([{ name, policy: doc }], {
          format: 'yaml',
          kind: 'managed-policy',
        });
        for (const version of ['1.1', '1.2'] as const) {
          const back = YAML.parse(yaml, { version }) as Template;
          expect(Object.values(back.Resources)[0]!.Properties.PolicyDocument).to.deep.equal(expected);
        }
        const json = renderCloudFormation([{ name, policy: doc }], { format: 'json', kind: 'role-policy' });
        expect(Object.values(parseJson(json).Resources)[0]!.Properties.PolicyDocument).to.deep.equal(
          expected,
        );
        const sam = renderCloudFormation([{ name, policy: doc }], { format: 'yaml', kind: 'sam' });
        expect(YAML.parse(sam)).to.deep.equal({ Policies: [expected] });
      }),
      { numRuns: 300 },
    );
  });
});
