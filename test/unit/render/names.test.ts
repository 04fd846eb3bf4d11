import { expect } from 'chai';
import fc from 'fast-check';
import { iamPolicyNames } from '../../../src/render/names.ts';
import { logicalIds, terraformIdentifiers } from '../../../src/render/identifiers.ts';

const HOSTILE_NAMES = [
  '../x',
  'a b',
  '9lives',
  'ünï',
  '',
  'x'.repeat(300),
  'a-b',
  'A_B',
  'a_b',
  '${x}',
  '"',
  '\n',
];

describe('names: identifiers and IAM names from untrusted text', () => {
  it('Terraform identifiers: valid, unique, deterministic', () => {
    const ids = terraformIdentifiers(HOSTILE_NAMES);
    for (const id of ids) expect(id).to.match(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(new Set(ids).size).to.equal(HOSTILE_NAMES.length);
    expect(terraformIdentifiers(HOSTILE_NAMES)).to.deep.equal(ids);
    expect(terraformIdentifiers(['orders-api-role', '9lives'])).to.deep.equal(['orders-api-role', '_9lives']);
  });

  it('CloudFormation logical IDs: alphanumeric, at most 255, unique', () => {
    const ids = logicalIds(HOSTILE_NAMES, 'Policy');
    for (const id of ids) expect(id).to.match(/^[A-Za-z0-9]{1,255}$/);
    expect(new Set(ids).size).to.equal(HOSTILE_NAMES.length);
  });

  it('IAM policy names: [\\w+=,.@-]{1,128}, unique ignoring case, suffix kept', () => {
    const names = iamPolicyNames(HOSTILE_NAMES, '-least-privilege');
    for (const n of names)
      expect(n)
        .to.match(/^[\w+=,.@-]{1,128}-least-privilege$/)
        .and.have.length.at.most(128);
    expect(new Set(names.map((n) => n.toLowerCase())).size).to.equal(HOSTILE_NAMES.length);
    expect(iamPolicyNames(['orders-api-role'], '-x')).to.deep.equal(['orders-api-role-x']);
  });

  it('holds for any list of names (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 140 }), { maxLength: 8 }), (raw) => {
        const tf = terraformIdentifiers(raw);
        const cfn = logicalIds(raw, 'Policy');
        const iam = iamPolicyNames(raw);
        for (const id of tf) expect(id).to.match(/^[A-Za-z_][A-Za-z0-9_-]*$/);
        for (const id of cfn) expect(id).to.match(/^[A-Za-z0-9]{1,255}$/);
        for (const n of iam) expect(n).to.match(/^[\w+=,.@-]{1,128}$/);
        for (const ids of [tf, cfn, iam])
          expect(new Set(ids.map((i) => i.toLowerCase())).size).to.equal(raw.length);
      }),
    );
  });
});
