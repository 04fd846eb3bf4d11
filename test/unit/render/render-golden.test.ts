import { expect } from 'chai';
import YAML from 'yaml';
import { renderCloudFormation, type CloudFormationOptions } from '../../../src/render/cloudformation.ts';
import { orderedPolicy } from '../../../src/render/json.ts';
import { renderTerraform, type NamedPolicy, type TerraformResource } from '../../../src/render/terraform.ts';
import { expectGolden } from '../../support/local-golden.ts';
import { policiesFromHcl } from '../../support/hcl-to-policy.ts';
import { REPRESENTATIVE } from './representative-policy.ts';

// Two documents for one role, as after size splitting. UPDATE_GOLDEN=1 rewrites the files.
const DOCS: NamedPolicy[] = [
  { name: 'orders-api-role-1', policy: REPRESENTATIVE, roleName: 'orders-api-role' },
  {
    name: 'orders-api-role-2',
    policy: { Version: '2012-10-17', Statement: REPRESENTATIVE.Statement.slice(0, 1) },
    roleName: 'orders-api-role',
  },
];

describe('golden files: Terraform and CloudFormation for a representative policy', () => {
  const terraform: [string, TerraformResource][] = [
    ['terraform/representative.tf', 'none'],
    ['terraform/representative-role-policy.tf', 'role-policy'],
    ['terraform/representative-policy.tf', 'policy'],
  ];
  for (const [file, resource] of terraform) {
    it(`${file}: matches, and a real HCL parser reads back the input documents`, async () => {
      const text = renderTerraform(DOCS, { resource });
      await expectGolden(file, text);
      expect(await policiesFromHcl(text)).to.deep.equal({
        'orders-api-role-1': DOCS[0]!.policy,
        'orders-api-role-2': DOCS[1]!.policy,
      });
    });
  }

  const cloudformation: [string, CloudFormationOptions][] = [
    ['cloudformation/representative.yaml', { format: 'yaml', kind: 'role-policy' }],
    ['cloudformation/representative.json', { format: 'json', kind: 'role-policy' }],
    ['cloudformation/representative-managed-policy.yaml', { format: 'yaml', kind: 'managed-policy' }],
    ['cloudformation/representative-sam.yaml', { format: 'yaml', kind: 'sam' }],
  ];
  for (const [file, options] of cloudformation) {
    it(`${file}: matches, and parses back to the input documents`, async () => {
      const text = renderCloudFormation(DOCS, options);
      await expectGolden(file, text);
      const parsed = (options.format === 'json' ? JSON.parse(text) : YAML.parse(text)) as {
        Resources?: Record<string, { Properties: { PolicyDocument: unknown } }>;
        Policies?: unknown[];
      };
      const documents =
        parsed.Policies ?? Object.values(parsed.Resources ?? {}).map((r) => r.Properties.PolicyDocument);
      expect(documents).to.deep.equal(DOCS.map((d) => orderedPolicy(d.policy)));
    });
  }
});
