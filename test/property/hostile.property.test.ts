import { expect } from 'chai';
import fc from 'fast-check';
import { catalogSplitter } from '../../src/catalog/resource-split.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { FactStore } from '../../src/facts/fact-store.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../src/ingest/record-result.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../src/reduce/options.ts';
import { reducePrincipal } from '../../src/reduce/reduce.ts';
import { renderPolicyJson } from '../../src/render/json.ts';
import { escapeForTerminal } from '../../src/render/terminal.ts';
import { realCatalog } from '../support/catalog.ts';
import { cloudTrailRecord } from '../support/records.ts';

const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'kms', 'logs', 'secretsmanager', 'ssm'];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '*',
    '?',
    '${aws:username}',
    '${*}',
    '%{x}',
    '"],"Resource":"*',
    '\u001b[2J',
    'arn:aws:s3:::*',
    '../x',
  ),
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);

const hostileRecord = fc
  .record({
    eventSource: fc.oneof(fc.constantFrom(...SERVICES.map((s) => `${s}.amazonaws.com`)), text),
    eventName: fc.oneof(
      fc.constantFrom('GetObject', 'PutItem', 'SendMessage', 'Publish', 'Invoke', 'Decrypt', 'PutLogEvents'),
      text,
    ),
    key: text,
    name: text,
    extra: anyValue,
    field: fc.constantFrom(
      'userAgent',
      'sourceIPAddress',
      'errorCode',
      'vpcEndpointId',
      'resources',
      'awsRegion',
      'recipientAccountId',
    ),
  })
  .map((r) =>
    cloudTrailRecord({
      eventSource: r.eventSource,
      eventName: r.eventName,
      requestParameters: {
        bucketName: 'victim-bucket',
        key: r.key,
        tableName: r.name,
        queueUrl: `https://sqs.eu-west-1.amazonaws.com/123456789012/${r.name}`,
        topicArn: r.name,
        functionName: r.name,
        logGroupName: r.name,
        logStreamName: r.key,
      },
      [r.field]: r.extra,
    }),
  );

describe('property: arbitrary strings in record fields', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await realCatalog(...SERVICES);
  });

  it('never throws, and the policy holds only exact catalog actions and parses back as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileRecord, { minLength: 1, maxLength: 12 }), async (records) => {
        await catalog.ensure(records.flatMap((r) => recordServicePrefix(r) ?? []));
        const store = new FactStore();
        for (const r of records) {
          const result = parseCloudTrailRecord(r, catalog, {}, NO_FILTER);
          if (result.kind === 'observations') result.observations.forEach((o) => store.add(o));
        }
        const facts = store.facts();
        const principals = [...new Set(facts.filter((f) => f.outcome === 'allowed').map((f) => f.principal))];
        for (const p of principals) {
          const { policy } = reducePrincipal(
            p,
            facts,
            DEFAULT_REDUCE_OPTIONS,
            catalogSplitter(catalog, 'safe'),
          );
          expect(JSON.parse(renderPolicyJson(policy))).to.deep.equal(JSON.parse(JSON.stringify(policy)));
          for (const s of policy.Statement) {
            for (const a of s.Action ?? [])
              expect(catalog.actionOf(a as `${string}:${string}`)?.action).to.equal(a);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('terminal escaping leaves no control or bidi character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        // eslint-disable-next-line no-control-regex -- the property is about control characters
        expect(escapeForTerminal(s)).not.to.match(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });
});
