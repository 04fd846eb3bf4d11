import { expect } from 'chai';
import {
  Catalog,
  DEFAULT_REDUCE_OPTIONS,
  generate,
  iamDataSource,
  renderPolicyJson,
} from '../../src/index.ts';
import { SAMPLES } from '../support/run-cli.ts';

describe('library API (src/index.ts)', () => {
  it('generates the same policy the CLI prints, from the public exports', async () => {
    const { results } = await generate(
      {
        cloudtrail: [`${SAMPLES}cloudtrail`],
        roles: ['nightly-report-role'],
        strict: false,
        reduce: DEFAULT_REDUCE_OPTIONS,
      },
      { catalog: new Catalog(iamDataSource()) },
    );
    expect(results.map((r) => r.principal)).to.deep.equal([
      'arn:aws:iam::123456789012:role/nightly-report-role',
    ]);
    expect(
      JSON.parse(renderPolicyJson(results[0]!.policy)).Statement.flatMap(
        (s: { Action: string[] }) => s.Action,
      ),
    ).to.include('secretsmanager:GetSecretValue');
  });
});
