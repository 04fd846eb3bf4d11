import { expect } from 'chai';
import { InternalError } from '../../../src/errors.ts';
import { parseCloudTrailRecord } from '../../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../../src/ingest/record-result.ts';
import { realCatalog } from '../../support/catalog.ts';

/** A record whose fields throw `error` when read (what a bug deep in parsing looks like from outside). */
function throwingRecord(error: Error): unknown {
  return Object.defineProperty({}, 'eventType', {
    enumerable: true,
    get: () => {
      throw error;
    },
  });
}

describe('parseCloudTrailRecord: what an error inside parsing becomes', () => {
  it('counts an unexpected error as malformed-record, so one record never stops the run', async () => {
    const result = parseCloudTrailRecord(
      throwingRecord(new TypeError('boom')),
      await realCatalog(),
      { file: 'f' },
      NO_FILTER,
    );
    expect(result).to.deep.equal({
      kind: 'skipped',
      reason: 'malformed-record',
      detail: 'could not be read: boom',
    });
  });

  it('lets an InternalError (a bug in tightrole) through', async () => {
    const catalog = await realCatalog();
    expect(() =>
      parseCloudTrailRecord(throwingRecord(new InternalError('bug')), catalog, { file: 'f' }, NO_FILTER),
    ).to.throw(InternalError, 'bug');
  });

  it('does not take an error merely named InternalError for one (a name is not a type)', async () => {
    const forged = Object.assign(new Error('named'), { name: 'InternalError' });
    const result = parseCloudTrailRecord(
      throwingRecord(forged),
      await realCatalog(),
      { file: 'f' },
      NO_FILTER,
    );
    expect(result).to.include({ kind: 'skipped', reason: 'malformed-record' });
  });
});
