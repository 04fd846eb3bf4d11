import { expect } from 'chai';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { renderDiffJson } from '../../../src/render/diff-json.ts';
import { sampleDiff } from './diff-fixture.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(`${ROOT}schemas/diff.schema.json`, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe('render/diff-json: the documented, schema-validated JSON', () => {
  it('validates against schemas/diff.schema.json', () => {
    const value: unknown = JSON.parse(renderDiffJson(sampleDiff()));
    expect(validate(value), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('validates the golden outputs of the samples', () => {
    for (const role of ['orders-api-role', 'receipt-worker-role', 'nightly-report-role']) {
      const value: unknown = JSON.parse(readFileSync(`${ROOT}test/golden/diff/${role}.json`, 'utf8'));
      expect(validate(value), `${role}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  it('validates a verdict left unknown because the logs name the resource only as a pattern', () => {
    const diff = sampleDiff();
    const secret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod-??????';
    const unknown = { ...diff.notGranted[0]!, resource: secret, current: 'conditional' as const };
    const value: unknown = JSON.parse(
      renderDiffJson({ ...diff, notGranted: [{ ...unknown, resourcePattern: true }] }),
    );
    expect(validate(value), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('rejects what the schema forbids (unknown keys, unknown decisions)', () => {
    const value = JSON.parse(renderDiffJson(sampleDiff())) as Record<string, unknown>;
    expect(validate({ ...value, extra: 1 })).to.equal(false);
    const used = [{ action: 's3:GetObject', accessLevel: 'Read', calls: 1, current: 'maybe' }];
    expect(validate({ ...value, used })).to.equal(false);
  });

  it('keeps keys in the documented order and policies in the AWS shape', () => {
    const value = JSON.parse(renderDiffJson(sampleDiff())) as Record<string, unknown>;
    expect(Object.keys(value)).to.deep.equal([
      'schemaVersion',
      'role',
      'changed',
      'current',
      'summary',
      'used',
      'unused',
      'narrowing',
      'notGranted',
      'notVisible',
      'keptNotVisible',
      'dataEvents',
      'inferred',
      'proposed',
    ]);
    expect(
      Object.keys((value['proposed'] as Record<string, unknown>[])[0]!['Statement'] as object),
    ).to.deep.equal(['0']);
  });

  it('is documented: docs/diff.md names every top-level key', () => {
    const doc = readFileSync(`${ROOT}docs/diff.md`, 'utf8');
    for (const key of Object.keys((schema as { properties: object }).properties))
      expect(doc).to.include(`\`${key}\``);
  });
});
