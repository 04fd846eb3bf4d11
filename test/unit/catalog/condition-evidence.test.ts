import { expect } from 'chai';
import {
  CONDITION_RULES,
  isViaServicePrincipal,
  ruleCoversAction,
  supportsConditionKey,
} from '../../../src/catalog/condition-evidence.ts';
import { readFileSync } from 'node:fs';
import conditionData from '../../../src/catalog/data/condition-evidence.json' with { type: 'json' };
import type { IamAction } from '../../../src/model/identifiers.ts';
import { realCatalog } from '../../support/catalog.ts';

describe('catalog: condition keys and the evidence for them (data/condition-evidence.json)', () => {
  it('names, for every service-specific key, actions that support it in iam-data', async () => {
    const exact = CONDITION_RULES.flatMap((r) =>
      r.actions.filter((a) => !a.endsWith('*')).map((a) => [r.key, a] as const),
    );
    // Every service the table names, not a fixed list: a new rule is checked too.
    const catalog = await realCatalog(...new Set(exact.map(([, a]) => a.slice(0, a.indexOf(':')))));
    expect(exact.length).to.be.greaterThan(0);
    const unsupported = exact.filter(([key, a]) => {
      const info = catalog.actionOf(a as IamAction);
      return !info || !supportsConditionKey(info, key);
    });
    expect(unsupported).to.deep.equal([]);
  });

  it('supports kms:ViaService on kms:Decrypt but not on kms:ListAliases', async () => {
    const catalog = await realCatalog('kms');
    expect(supportsConditionKey(catalog.actionOf('kms:Decrypt')!, 'kms:ViaService')).to.equal(true);
    expect(supportsConditionKey(catalog.actionOf('kms:ListAliases')!, 'kms:ViaService')).to.equal(false);
    // Keys are case-insensitive; a catalog key with a variable part matches its instances.
    expect(supportsConditionKey(catalog.actionOf('kms:Decrypt')!, 'KMS:viaservice')).to.equal(true);
    expect(
      supportsConditionKey(catalog.actionOf('kms:Decrypt')!, 'kms:EncryptionContext:aws:s3:arn'),
    ).to.equal(true);
  });

  it('treats aws: keys as global except the per-action tag keys', async () => {
    const catalog = await realCatalog('kms', 'ec2');
    const listAliases = catalog.actionOf('kms:ListAliases')!;
    expect(supportsConditionKey(listAliases, 'aws:SourceVpce')).to.equal(true);
    expect(supportsConditionKey(listAliases, 'aws:RequestedRegion')).to.equal(true);
    expect(supportsConditionKey(listAliases, 'aws:ResourceTag/team')).to.equal(false);
    // Resource-type condition keys count: ec2:VolumeID is listed on DetachVolume's volume type.
    expect(supportsConditionKey(catalog.actionOf('ec2:DetachVolume')!, 'ec2:VolumeID')).to.equal(true);
  });

  it('vets only service principals that call KMS on the caller’s behalf', () => {
    expect(isViaServicePrincipal('s3.amazonaws.com')).to.equal(true);
    for (const caller of [
      'internal.amazonaws.com',
      'signin.amazonaws.com',
      'AWS Internal',
      'console.amazonaws.com',
    ]) {
      expect(isViaServicePrincipal(caller), caller).to.equal(false);
    }
  });

  it('matches action lists exactly, by service, or all (case-insensitive)', () => {
    const rule = (actions: string[]) => ({ ...CONDITION_RULES[0]!, actions });
    expect(ruleCoversAction(rule(['kms:*']), 'KMS:Decrypt')).to.equal(true);
    expect(ruleCoversAction(rule(['kms:*']), 'kmsx:Decrypt')).to.equal(false);
    expect(ruleCoversAction(rule(['s3:ListBucket']), 's3:ListBucketVersions')).to.equal(false);
    expect(ruleCoversAction(rule(['*']), 'sqs:SendMessage')).to.equal(true);
  });

  it("vets only callers whose ViaService name is in the KMS guide's table (test/fixtures/kms-via-service)", () => {
    const names = readFileSync(
      new URL('../../fixtures/kms-via-service/via-service-names.txt', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((n) => n !== '');
    const principals = (conditionData.viaServices.principals as string[]).map((p) =>
      p.replace(/\.amazonaws\.com$/, ''),
    );
    expect(principals.filter((p) => !names.includes(p))).to.deep.equal([]);
    for (const gone of ['acm', 'codecommit', 'sagemaker', 'elasticache', 'internal', 'signin'])
      expect(isViaServicePrincipal(`${gone}.amazonaws.com`), gone).to.equal(false);
    expect(isViaServicePrincipal('s3.amazonaws.com')).to.equal(true);
  });
});
