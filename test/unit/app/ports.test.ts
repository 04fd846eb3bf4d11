import { expect } from 'chai';
import { diff } from '../../../src/app/diff.ts';
import type { CurrentPoliciesReader } from '../../../src/app/ports.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../../src/reduce/options.ts';
import { SAMPLES } from '../../support/run-cli.ts';
import { realCatalog } from '../../support/catalog.ts';

describe('ports: use cases run on in-memory readers', () => {
  it('diff reads the current policies only through the reader it is given, for the role it compares', async () => {
    const asked: string[] = [];
    const readCurrent: CurrentPoliciesReader = async (role) => {
      asked.push(role);
      return { policies: [], boundary: [], notes: [] };
    };
    const { diff: result } = await diff(
      {
        cloudtrail: [`${SAMPLES}cloudtrail`],
        roles: ['orders-api-role'],
        strict: false,
        reduce: DEFAULT_REDUCE_OPTIONS,
      },
      { catalog: await realCatalog(), jobs: 1, readCurrent },
    );
    expect(asked).to.deep.equal(['arn:aws:iam::123456789012:role/service-role/orders-api-role']);
    // Nothing granted today: every used action is missing, so the proposal is a change.
    expect(result.changed).to.equal(true);
    expect(result.notGranted.length).to.be.greaterThan(0);
  });
});
