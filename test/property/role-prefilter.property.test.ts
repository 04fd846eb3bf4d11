import { expect } from 'chai';
import fc from 'fast-check';
import { parseCloudTrailRecord } from '../../src/ingest/cloudtrail-record.ts';
import { roleSelector, roleTextFilter } from '../../src/ingest/principal.ts';
import { realCatalog } from '../support/catalog.ts';
import { cloudTrailRecord } from '../support/records.ts';

/**
 * The raw-text pre-filter skips a record without parsing it; it must never skip one the parsed
 * --role filter keeps (issue #19.11), however the record's JSON spells the role name: any case,
 * `\uXXXX` escapes for any of its characters, selectors given as names or ARNs in any case.
 */
const nameChar = fc.constantFrom(...'abcXYZ019+=,.@-_');
const roleName = fc.array(nameChar, { minLength: 1, maxLength: 12 }).map((c) => c.join(''));
const flips = fc.array(fc.boolean(), { maxLength: 12 });

const PLACEHOLDER = 'Qq0placeholder0qQ';

function spell(name: string, upper: boolean[], escaped: boolean[]): string {
  return Array.from(name, (c, i) => {
    const ch = upper[i] ? c.toUpperCase() : c;
    return escaped[i] ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
  }).join('');
}

describe('--role pre-filter (property)', () => {
  it('never drops a record that the parsed role filter keeps', async () => {
    const catalog = await realCatalog('dynamodb');
    fc.assert(
      fc.property(
        roleName,
        flips,
        flips,
        fc.boolean(),
        flips,
        (name, upper, escaped, asArn, selectorCase) => {
          const text = JSON.stringify(
            cloudTrailRecord({ roleArn: `arn:aws:iam::123456789012:role/${PLACEHOLDER}` }),
          );
          // The name as the record spells it, inside the record's strings only.
          const raw = text.split(PLACEHOLDER).join(spell(name, upper, escaped));
          const selectorName = spell(name, selectorCase, []);
          const selector = asArn ? `arn:aws:iam::123456789012:role/${selectorName}` : selectorName;
          const parsed = parseCloudTrailRecord(
            JSON.parse(raw),
            catalog,
            {},
            { selectRole: roleSelector([selector]), window: {} },
          );
          const kept = !(parsed.kind === 'skipped' && parsed.reason === 'role-not-selected');
          if (kept) expect(roleTextFilter([selector])!.test(raw), raw).to.equal(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
