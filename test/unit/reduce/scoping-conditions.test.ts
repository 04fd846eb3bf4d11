import { expect } from 'chai';
import { catalogSplitter } from '../../../src/catalog/resource-split.ts';
import { FactStore } from '../../../src/facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../../src/ingest/record-result.ts';
import type { Arn } from '../../../src/model/identifiers.ts';
import type { Statement } from '../../../src/model/policy.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../../src/reduce/options.ts';
import { reducePrincipal } from '../../../src/reduce/reduce.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role' as Arn;

/** Records (overrides on the real-shape record) -> the role's policy statements, as `generate` builds them. */
async function statements(overrides: Record<string, unknown>[]): Promise<Statement[]> {
  const records = overrides.map((o) => cloudTrailRecord(o));
  const catalog = await realCatalog(...records.flatMap((r) => recordServicePrefix(r) ?? []));
  const store = new FactStore();
  for (const r of records) {
    const result = parseCloudTrailRecord(r, catalog, {}, NO_FILTER);
    if (result.kind !== 'observations') expect.fail(JSON.stringify(result));
    result.observations.forEach((o) => store.add(o));
  }
  return reducePrincipal(ROLE, store.facts(), DEFAULT_REDUCE_OPTIONS, catalogSplitter(catalog, 'safe')).policy
    .Statement;
}

const metric = (namespace: unknown) => ({
  eventSource: 'monitoring.amazonaws.com',
  eventName: 'PutMetricData',
  requestParameters: { namespace, metricData: [{ metricName: 'Orders', value: 1 }] },
});
const kms = (keyId: string) => ({
  eventSource: 'kms.amazonaws.com',
  eventName: 'GenerateDataKey',
  requestParameters: { keyId, keySpec: 'AES_256' },
});

describe('conditions where IAM scopes by condition, not resource (issue 14)', () => {
  it('PutMetricData on "*" is scoped to the namespaces every call names (cloudwatch:namespace)', async () => {
    const [s] = await statements([metric('Orders/Api'), metric('Orders/Worker')]);
    expect(s?.Action).to.deep.equal(['cloudwatch:PutMetricData']);
    expect(s?.Resource).to.deep.equal(['*']);
    expect(s?.Condition?.['StringEquals']?.['cloudwatch:namespace']).to.deep.equal([
      'Orders/Api',
      'Orders/Worker',
    ]);
  });

  it('a namespace that could be read as a policy variable or wildcard gives no condition value', async () => {
    const [s] = await statements([metric('Orders/${aws:username}'), metric('Orders/Api')]);
    expect(s?.Condition?.['StringEquals']?.['cloudwatch:namespace']).to.equal(undefined);
  });

  it('SendEmail is scoped to the From addresses every call used (ses:FromAddress)', async () => {
    const send = (source: string) => ({
      eventSource: 'ses.amazonaws.com',
      eventName: 'SendEmail',
      requestParameters: { source, destination: { toAddresses: ['a@example.org'] } },
    });
    const [s] = await statements([send('orders@mail.example.com')]);
    expect(s?.Action).to.deep.equal(['ses:SendEmail']);
    expect(s?.Resource).to.deep.equal([
      'arn:aws:ses:eu-west-1:123456789012:identity/mail.example.com',
      'arn:aws:ses:eu-west-1:123456789012:identity/orders@mail.example.com',
    ]);
    expect(s?.Condition?.['StringEquals']?.['ses:FromAddress']).to.deep.equal(['orders@mail.example.com']);
  });

  it('a KMS call naming its key only by alias is granted on "*" scoped by kms:RequestAlias', async () => {
    const [s] = await statements([kms('alias/orders')]);
    expect(s?.Resource).to.deep.equal(['*']);
    expect(s?.Condition?.['StringEquals']?.['kms:RequestAlias']).to.deep.equal(['alias/orders']);
  });

  it('kms:RequestAlias is never put on a statement that names the key', async () => {
    const all = await statements([kms('1234abcd-12ab-34cd-56ef-1234567890ab')]);
    expect(all.flatMap((s) => Object.keys(s.Condition?.['StringEquals'] ?? {}))).not.to.include(
      'kms:RequestAlias',
    );
  });
});
