import { expect } from 'chai';
import { impliedActions } from '../../../src/catalog/dependent-actions.ts';
import { visibilityActions } from '../../../src/catalog/evidence-visibility.ts';
import { passRoleActions } from '../../../src/catalog/pass-role.ts';
import { ruleActions, ruleTargetPrefixes } from '../../../src/catalog/event-mapping.ts';
import { realCatalog } from '../../support/catalog.ts';

describe('catalog data', () => {
  it('names only actions that exist in iam-data, in canonical case', async () => {
    const actions = ruleActions();
    const catalog = await realCatalog(...actions.map((a) => a.split(':')[0]!));
    const wrong = actions.filter((a) => catalog.actionOf(a as `${string}:${string}`)?.action !== a);
    expect(wrong).to.deep.equal([]);
  });

  it('renames services only to prefixes that exist in iam-data', async () => {
    const prefixes = ruleTargetPrefixes();
    const catalog = await realCatalog(...prefixes);
    expect(prefixes.filter((p) => catalog.service(p) === undefined)).to.deep.equal([]);
  });
});

describe('catalog data: calls that pass a role', () => {
  it('names only actions that exist in iam-data, in canonical case', async () => {
    const actions = passRoleActions();
    const catalog = await realCatalog(...actions.map((a) => a.split(':')[0]!));
    expect(actions.filter((a) => catalog.actionOf(a as `${string}:${string}`)?.action !== a)).to.deep.equal(
      [],
    );
  });
});

describe('catalog data: dependent actions (forward access sessions)', () => {
  it('names only actions that exist in iam-data, in canonical case', async () => {
    const actions = impliedActions();
    const catalog = await realCatalog(...actions.map((a) => a.split(':')[0]!));
    expect(actions).not.to.deep.equal([]);
    expect(actions.filter((a) => catalog.actionOf(a as `${string}:${string}`)?.action !== a)).to.deep.equal(
      [],
    );
  });
});

describe('catalog data: evidence visibility', () => {
  it('names only actions that exist in iam-data, in canonical case, each in one place', async () => {
    const actions = visibilityActions();
    const catalog = await realCatalog(...new Set(actions.map((a) => a.split(':')[0]!)));
    expect(actions.filter((a) => catalog.actionOf(a)?.action !== a)).to.deep.equal([]);
    expect(new Set(actions).size).to.equal(actions.length);
  });
});
