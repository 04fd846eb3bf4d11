import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { convertPolicyText } from '../../../src/app/convert.ts';
import { InputError } from '../../../src/errors.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { policiesFromHcl } from '../../support/hcl-to-policy.ts';

const FIXTURES = new URL('../../fixtures/iam-policy-json-to-terraform/', import.meta.url).pathname;
const read = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');
const terraform = (text: string, keepTerraformInterpolations = false) =>
  convertPolicyText(text, 'fixture', { format: 'terraform', keepTerraformInterpolations });

describe('Terraform: iam-policy-json-to-terraform fixtures (read back by a real HCL parser)', () => {
  for (const name of ['simple', 'single-statement', 'empty-policy']) {
    it(`${name}.json: our Terraform and the peer's ${name}.tf stand for the same policy`, async () => {
      const ours = await policiesFromHcl(terraform(read(`${name}.json`)));
      const peer = await policiesFromHcl(read(`${name}.tf`));
      expect(ours).to.deep.equal(peer);
    });

    it(`${name}.json: is byte for byte the peer's ${name}.tf (same layout as terraform fmt)`, () => {
      // simple.json has `"s3:x-amz-server-side-encryption": true`; the peer and we both write "true".
      expect(terraform(read(`${name}.json`))).to.equal(read(`${name}.tf`));
    });
  }

  describe('tf-interpolations (the peer passes Terraform interpolations through)', () => {
    // The peer's tf-interpolations.json is not JSON (raw quotes inside `${join("/", ...)}`), so the
    // policy it means is taken from the peer's .tf, read by the HCL parser.
    let peerPolicy: PolicyDocument;
    before(async () => {
      peerPolicy = (await policiesFromHcl(read('tf-interpolations.tf')))['policy']!;
    });

    it('with keepTerraformInterpolations: the same policy as the peer, interpolations copied verbatim', async () => {
      const text = terraform(JSON.stringify(peerPolicy), true);
      expect(text).to.include('"arn:aws:s3:::foo/${join("/",["foo${lower("BAR")}"])}",');
      expect(await policiesFromHcl(text)).to.deep.equal({ policy: peerPolicy });
    });

    it('by default (and always for generated policies): every ${ escaped, so IAM gets the text as written', async () => {
      const text = terraform(JSON.stringify(peerPolicy));
      expect(text).to.include('resources = ["$${aws_kms_key.key.arn}"]');
      expect(text).not.to.match(/[^$]\$\{/);
      expect((await policiesFromHcl(text))['policy']).to.deep.equal(peerPolicy);
    });

    it('refuses the peer .json itself: it is not JSON', () => {
      expect(() => terraform(read('tf-interpolations.json'))).to.throw(InputError, /fixture: .*not JSON/);
    });
  });

  describe('error fixtures fail with an InputError saying what was expected and found', () => {
    it('error-broken.json (truncated JSON)', () => {
      expect(() => terraform(read('error-broken.json'))).to.throw(
        InputError,
        /^fixture: expected policy JSON, found text that is not JSON/,
      );
    });

    it('error-no-statements.json ({})', () => {
      expect(() => terraform(read('error-no-statements.json'))).to.throw(
        InputError,
        /expected a policy document \("Statement"\).*found an empty object/,
      );
    });

    it('error-cloudformation-snippet.json (Fn::Sub in a Resource): names the path', () => {
      expect(() => terraform(read('error-cloudformation-snippet.json'))).to.throw(
        InputError,
        /get-role-policy output, found: \/Statement\/0\/Resource\/0: .*looks like a CloudFormation snippet/,
      );
    });
  });
});
