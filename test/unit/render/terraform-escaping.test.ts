import { parse } from '@cdktf/hcl2json';
import { expect } from 'chai';
import fc from 'fast-check';
import { HclEncodingError, quote } from '../../../src/render/hcl.ts';
import { renderTerraform } from '../../../src/render/terraform.ts';
import { policiesFromHcl } from '../../support/hcl-to-policy.ts';
import { hostilePolicy, hostileString } from './policy-arbitraries.ts';

const keep = { keepTerraformInterpolations: true };

describe('Terraform: exact escaping of HCL strings', () => {
  it('escapes quotes, backslashes, \\n \\r \\t, and other controls as \\uNNNN', () => {
    expect(quote('"q" \\ \n \r \t \u0000 \u001b \u007f')).to.equal(
      '"\\"q\\" \\\\ \\n \\r \\t \\u0000 \\u001b \\u007f"',
    );
  });

  it('escapes invisible characters an editor may act on (bidi overrides, LS/PS, BOM)', () => {
    expect(quote('a\u202eb\u2028c\ufeff')).to.equal('"a\\u202eb\\u2028c\\ufeff"');
  });

  it('doubles every ${ and %{, IAM policy variables included, so IAM gets them as written', () => {
    expect(quote('${aws:username} ${var.x} %{if} $${ %%{ ${*} $ % {}')).to.equal(
      '"$${aws:username} $${var.x} %%{if} $$${ %%%{ $${*} $ % {}"',
    );
  });

  it('keeps comment, heredoc and unicode text literal inside the string', () => {
    expect(quote('# // /* <<EOF é 😀')).to.equal('"# // /* <<EOF é 😀"');
  });

  describe('keepTerraformInterpolations (convert on a user policy only)', () => {
    it('copies Terraform interpolations verbatim, nested strings and templates included', () => {
      expect(quote('arn:aws:s3:::${var.b}/${join("/", ["a${lower("B")}"])}', keep)).to.equal(
        '"arn:aws:s3:::${var.b}/${join("/", ["a${lower("B")}"])}"',
      );
    });

    it('still escapes IAM variables (${service:key}, with a default, ${*}, ${?}, ${$})', () => {
      const iam = [
        '${aws:username}',
        "${aws:PrincipalTag/team, 'x'}",
        '${*}',
        '${?}',
        '${$}',
        '${www.amazon.com:user_id}',
      ];
      for (const v of iam) expect(quote(v, keep)).to.equal(`"$${v}"`);
    });

    it('escapes an unbalanced ${, %{ directives, and interpolations holding controls, comments or heredocs', () => {
      expect(quote('${var.x', keep)).to.equal('"$${var.x"');
      expect(quote('%{ if x }', keep)).to.equal('"%%{ if x }"');
      expect(quote('${a\n}', keep)).to.equal('"$${a\\n}"');
      expect(quote('${var.x # c}', keep)).to.equal('"$${var.x # c}"');
      expect(quote('${<<EOF}', keep)).to.equal('"$${<<EOF}"');
    });
  });

  it('keepTerraformInterpolations never lets a value escape its string (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (s) => {
        // A kept interpolation may be invalid Terraform (the user's own), but never another attribute.
        const parsed = await parse('x.tf', `a = ${quote(s, keep)}\nb = "end"\n`).catch(() => undefined);
        if (parsed) expect(Object.keys(parsed)).to.deep.equal(['a', 'b']);
        if (parsed) expect(parsed['b']).to.equal('end');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what HCL cannot hold exactly: non-NFC text and lone surrogates', () => {
    expect(() => quote('cafe\u0301')).to.throw(HclEncodingError, /Unicode NFC/);
    expect(() => quote('a\ud800b')).to.throw(HclEncodingError, /lone surrogate/);
    expect(quote('😀')).to.equal('"😀"');
  });

  it('round-trips hostile policies through a real HCL parser (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(hostilePolicy, hostileString, async (policy, name) => {
        const text = renderTerraform([{ name, policy }], { resource: 'policy' });
        const back = Object.values(await policiesFromHcl(text));
        expect(back).to.deep.equal([policy]);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips hostile strings in every position: one string as sid, action, key, value, principal', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString.filter((s) => s !== ''),
        async (s) => {
          const policy = {
            Version: '2012-10-17' as const,
            Id: s,
            Statement: [
              {
                Sid: s,
                Effect: 'Deny' as const,
                NotAction: [s],
                NotResource: [s, s],
                NotPrincipal: { [s === '*' ? 'AWS' : s]: [s] },
                Condition: { [s]: { [s]: [s, s] } },
              },
            ],
          };
          const text = renderTerraform([{ name: s, policy, roleName: s }], { resource: 'role-policy' });
          expect(Object.values(await policiesFromHcl(text))).to.deep.equal([policy]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
