import { expect } from 'chai';
import {
  compileTemplate,
  fillTemplate,
  matchTemplate,
  refitArn,
  type TemplateValue,
} from '../../../src/catalog/arn-template.ts';
import { Catalog } from '../../../src/catalog/catalog.ts';
import type { ServiceSource } from '../../../src/catalog/service-info.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../../../src/ingest/cloudtrail-record.ts';
import { dedupeObservations } from '../../../src/ingest/dedupe-observations.ts';
import { isoTime } from '../../../src/ingest/fields.ts';
import { isRoleArn } from '../../../src/ingest/principal.ts';
import { NO_FILTER } from '../../../src/ingest/record-result.ts';
import type { Arn, IamAction } from '../../../src/model/identifiers.ts';
import type { Observation } from '../../../src/model/observation.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';

// The per-record hot path has shortcuts and caches; each must give what the plain code gives.

describe('isoTime: CloudTrail-shaped times skip the Date round trip, with the same result', () => {
  function viaDate(value: string): string | undefined {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }

  it('agrees with Date on every day of leap and common years, and on out-of-range fields', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const year of ['0000', '1900', '2000', '2024', '2026', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const clock of ['00:00:00', '23:59:59', '24:00:00', '23:60:00', '23:59:60']) {
            const value = `${year}-${pad(month)}-${pad(day)}T${clock}Z`;
            expect(isoTime(value), value).to.equal(viaDate(value));
          }
        }
      }
    }
  });

  it('rolls impossible dates over as Date does, and rejects near misses', () => {
    expect(isoTime('2026-02-30T00:00:00Z')).to.equal('2026-03-02T00:00:00.000Z');
    expect(isoTime('2026-11-20T10:15:00Z')).to.equal('2026-11-20T10:15:00.000Z');
    for (const value of [
      '2026-11-20T10:15:0aZ',
      '2026-11-20 10:15:00Z',
      '2026-11-20T10:15:00z',
      '٢٠٢٦-11-20T10:15:00Z',
    ]) {
      expect(isoTime(value), value).to.equal(viaDate(value));
    }
  });
});

describe('ARN templates: concatenation gives what text replacement gives', () => {
  const replaced = (text: string, values: Record<string, string>) =>
    text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] ?? '');

  it('refitArn is fillTemplate(matchTemplate(...)), escapes included', () => {
    const template = compileTemplate('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    for (const arn of [
      'arn:aws:s3:::bucket/key',
      'arn:aws:s3:::bucket/a*b?c$d',
      'arn:aws:s3:::bucket/${aws:username}',
      'arn:AWS:s3:::bucket/key',
      'arn:aws:s3:::-bad-/key',
      'arn:aws:s3:::bucket',
    ]) {
      const values = matchTemplate(template, arn);
      const filled = values && fillTemplate(template, values);
      expect(refitArn(template, arn), arn).to.equal(filled && 'arn' in filled ? filled.arn : undefined);
    }
  });

  it('a template naming a variable twice is still filled left to right', () => {
    const text =
      'arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/stages/${StageName}, arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}';
    const template = compileTemplate(text);
    expect(template.positional).to.equal(false);
    const values = { Partition: 'aws', Region: 'eu-west-1', ApiId: 'a1', RestApiId: 'r1', StageName: 'prod' };
    expect(fillTemplate(template, values)).to.deep.equal({ arn: replaced(text, values) });
  });

  it('a caller pattern holding "$" is filled as by text replacement', () => {
    const template = compileTemplate(
      'arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}',
    );
    const values: Record<string, TemplateValue> = {
      Partition: 'aws',
      Region: 'eu-west-1',
      Account: '123456789012',
      SecretId: { pattern: 'a${$}b-??????' },
    };
    expect(fillTemplate(template, values)).to.deep.equal({
      arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:a${$}b-??????',
    });
    expect(fillTemplate(template, { ...values, Account: '12' })).to.deep.equal({ invalid: 'Account' });
    expect(fillTemplate(template, { ...values, Region: '' })).to.deep.equal({ missing: 'Region' });
  });
});

describe('dedupeObservations: the pairwise check keeps what the keyed check keeps', () => {
  const obs = (action: string, resources: Observation['resources']): Observation => ({
    principal: 'arn:aws:iam::123456789012:role/r' as Arn,
    action: action as IamAction,
    resources,
    context: {},
    outcome: 'allowed',
    source: 'cloudtrail',
    time: '2026-11-20T10:15:00.000Z',
    origin: {},
  });
  const keyed = (list: Observation[]) => {
    const seen = new Set<string>();
    return list.filter((o) => {
      const key = `${o.action}\u0000${JSON.stringify(o.resources)}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  };

  it('for short and long lists', () => {
    const pool = [
      obs('s3:GetObject', ['arn:aws:s3:::b/k' as Arn]),
      obs('s3:GetObject', ['arn:aws:s3:::b/k' as Arn]),
      obs('s3:GetObject', '*'),
      obs('s3:GetObject', ['*' as Arn]),
      obs('s3:PutObject', ['arn:aws:s3:::b/k' as Arn]),
      obs('s3:GetObject', ['arn:aws:s3:::b/k' as Arn, 'arn:aws:s3:::b/j' as Arn]),
      obs('s3:GetObject', ['arn:aws:s3:::b/k' as Arn, 'arn:aws:s3:::b/j' as Arn]),
      obs('s3:GetObject', []),
    ];
    for (let n = 0; n <= 20; n++) {
      const list = Array.from({ length: n }, (_, i) => pool[(i * 5 + n) % pool.length]!);
      expect(dedupeObservations([...list])).to.deep.equal(keyed(list));
    }
  });
});

describe('memoized look-ups stay right past their bounds', () => {
  it('a service looked up before it is loaded still throws, and resolves once loaded', async () => {
    const source: ServiceSource = {
      version: () => 'test',
      serviceKeys: async () => ['svc'],
      load: async (prefix) =>
        prefix === 'svc'
          ? {
              prefix,
              actions: new Map([
                [
                  'getthing',
                  {
                    action: 'svc:GetThing' as IamAction,
                    service: 'svc',
                    name: 'GetThing',
                    accessLevel: 'Read',
                    resourceTypes: [],
                    conditionKeys: [],
                    dependentActions: [],
                  },
                ],
              ]),
              resourceTypes: new Map(),
            }
          : undefined,
    };
    const catalog = new Catalog(source);
    expect(() => catalog.actionOf('svc:GetThing' as IamAction)).to.throw(/before it was loaded/);
    await catalog.ensure(['svc']);
    expect(catalog.actionOf('svc:getthing' as IamAction)?.action).to.equal('svc:GetThing');
  });

  it('gives the same results after 12,000 distinct roles, operations and queue URLs', async () => {
    const catalog = await realCatalog('sqs', 'dynamodb');
    const record = (i: number) =>
      cloudTrailRecord({
        roleArn: `arn:aws:iam::123456789012:role/role-${i}`,
        eventSource: i % 2 ? 'sqs.amazonaws.com' : 'dynamodb.amazonaws.com',
        eventName: i % 3 ? (i % 2 ? 'SendMessage' : 'GetItem') : `NoSuchOperation${i}`,
        requestParameters: {
          queueUrl: `https://sqs.eu-west-1.amazonaws.com/123456789012/queue-${i}`,
          tableName: `table-${i}`,
        },
      });
    const parse = (i: number) => {
      const r = record(i);
      expect(recordServicePrefix(r)).to.be.oneOf(['sqs', 'dynamodb']);
      return JSON.stringify(parseCloudTrailRecord(r, catalog, { file: 'f', record: i }, NO_FILTER));
    };
    const first = Array.from({ length: 12_000 }, (_, i) => parse(i));
    for (const i of [0, 1, 2, 3, 5, 4_999, 10_001, 11_999]) expect(parse(i)).to.equal(first[i]);
    expect(first[1]).to.contain('arn:aws:sqs:eu-west-1:123456789012:queue-1');
    expect(first[4]).to.contain('arn:aws:dynamodb:eu-west-1:123456789012:table/table-4');
    expect(JSON.parse(first[3]!).kind).to.equal('unmapped');
    expect(isRoleArn('arn:aws:iam::123456789012:role/role-0')).to.equal(true);
    expect(isRoleArn(`arn:aws:iam::123456789012:role/${'x'.repeat(2100)}`)).to.equal(false);
  });
});
