import { parse } from '@cdktf/hcl2json';
import { expect } from 'chai';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { renderTerraform } from '../../../src/render/terraform.ts';
import { policiesFromHcl } from '../../support/hcl-to-policy.ts';

const policy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b'],
      Condition: {
        StringLike: { 's3:prefix': ['home/'] },
        Bool: { 'aws:SecureTransport': ['true'] },
        StringEquals: { 'aws:RequestedRegion': ['eu-west-1'], 'aws:PrincipalAccount': ['1'] },
      },
    },
  ],
};

describe('Terraform: aws_iam_policy_document layout', () => {
  it('writes one condition block per key, sorted by test then variable', () => {
    const text = renderTerraform([{ name: 'r', policy }], { resource: 'none' });
    const tests = [...text.matchAll(/variable = "([^"]+)"/g)].map((m) => m[1]);
    expect(tests).to.deep.equal([
      'aws:SecureTransport',
      'aws:PrincipalAccount',
      'aws:RequestedRegion',
      's3:prefix',
    ]);
  });

  it('aligns = within each run of one-line attributes, lists of two or more one item per line', () => {
    const text = renderTerraform([{ name: 'r', policy }], { resource: 'none' });
    expect(text).to.include(
      [
        '  statement {',
        '    sid    = "Read"',
        '    effect = "Allow"',
        '',
        '    resources = [',
        '      "arn:aws:s3:::b/$${aws:username}/*",',
        '      "arn:aws:s3:::b",',
        '    ]',
        '',
        '    actions = ["s3:GetObject"]',
      ].join('\n'),
    );
  });

  it('states version and policy_id when the document has them (the data source defaults to 2012-10-17)', async () => {
    const old: PolicyDocument = { ...policy, Version: '2008-10-17', Id: 'legacy' };
    const text = renderTerraform([{ name: 'r', policy: old }], { resource: 'none' });
    expect(text).to.match(/^ {2}version {3}= "2008-10-17"\n {2}policy_id = "legacy"\n\n {2}statement \{/m);
    expect((await policiesFromHcl(text))['r']).to.deep.equal(old);
  });
});

describe('Terraform: resources that attach the document', () => {
  type Tf = { resource: Record<string, Record<string, Record<string, unknown>[]>> };
  const named = [
    { name: 'orders-api-role-1', policy, roleName: 'orders-api-role' },
    { name: 'orders-api-role-2', policy, roleName: 'orders-api-role' },
  ];

  it('role-policy: aws_iam_role_policy per document, on its role, referencing the data source', async () => {
    const text = renderTerraform(named, { resource: 'role-policy' });
    const tf = (await parse('main.tf', text)) as Tf;
    const second = tf.resource['aws_iam_role_policy']!['orders-api-role-2']![0]!;
    expect(second).to.deep.equal({
      name: 'orders-api-role-2-least-privilege',
      role: 'orders-api-role',
      policy: '${data.aws_iam_policy_document.orders-api-role-2.json}',
    });
  });

  it('policy: aws_iam_policy + aws_iam_role_policy_attachment per document; options.roleName wins', async () => {
    const text = renderTerraform(named, { resource: 'policy', roleName: 'other-role' });
    const tf = (await parse('main.tf', text)) as Tf;
    expect(Object.keys(tf.resource['aws_iam_policy']!)).to.deep.equal([
      'orders-api-role-1',
      'orders-api-role-2',
    ]);
    expect(tf.resource['aws_iam_role_policy_attachment']!['orders-api-role-1']![0]).to.deep.equal({
      role: 'other-role',
      policy_arn: '${aws_iam_policy.orders-api-role-1.arn}',
    });
  });

  it('escapes a hostile role name and gives an IAM-valid policy name', async () => {
    const text = renderTerraform([{ name: 'a "b" ${c}', policy }], { resource: 'role-policy' });
    const tf = (await parse('main.tf', text)) as Tf;
    const [id] = Object.keys(tf.resource['aws_iam_role_policy']!);
    const block = tf.resource['aws_iam_role_policy']![id!]![0]!;
    expect(block['role']).to.equal('a "b" $${c}');
    expect(block['name']).to.match(/^[\w+=,.@-]{1,128}$/);
  });

  it('gives valid, unique identifiers for hostile names (../x, a b, 9lives, unicode, empty, 300 chars)', async () => {
    const names = ['../x', 'a b', '9lives', 'ünï', '', 'x'.repeat(300), 'a-b', 'A_B', 'a_b', 'a b'];
    const empty: PolicyDocument = { Version: '2012-10-17', Statement: [] };
    const text = renderTerraform(
      names.map((name) => ({ name, policy: empty })),
      { resource: 'policy' },
    );
    const ids = [...text.matchAll(/^data "aws_iam_policy_document" "([^"]+)"/gm)].map((m) => m[1]!);
    expect(ids).to.have.length(names.length);
    expect(new Set(ids).size).to.equal(names.length);
    for (const id of ids) expect(id).to.match(/^[A-Za-z_][A-Za-z0-9_-]{0,80}$/);
    expect(Object.keys(await policiesFromHcl(text)).sort()).to.deep.equal([...ids].sort());
    expect(
      renderTerraform(
        names.map((name) => ({ name, policy: empty })),
        { resource: 'policy' },
      ),
    ).to.equal(text);
  });
});
