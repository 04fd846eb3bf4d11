import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  mapOperation,
  prefixForEventSource,
  prefixForSdkService,
} from '../../../src/catalog/event-mapping.ts';
import { parseCloudTrailRecord } from '../../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../../src/ingest/record-result.ts';
import type { PolicyDocument } from '../../../src/model/policy.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';
import { runCli } from '../../support/run-cli.ts';

// Names from records index tightrole's data tables; Object.prototype's own names must find nothing.
const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  'isPrototypeOf',
];

describe('data tables never answer with Object.prototype members', () => {
  it('event sources and SDK service names named after prototype members are plain unknown services', () => {
    for (const name of PROTOTYPE_NAMES) {
      const prefix = prefixForEventSource(`${name}.amazonaws.com`);
      expect(prefix === undefined || typeof prefix === 'string', name).to.equal(true);
      expect(typeof prefixForSdkService(name), name).to.equal('string');
    }
    expect(prefixForEventSource('constructor.amazonaws.com')).to.equal('constructor');
    expect(prefixForSdkService('Constructor')).to.equal('constructor');
  });

  it('PartiQL keywords and transaction operations named after prototype members map to nothing', async () => {
    const catalog = await realCatalog('dynamodb');
    for (const name of PROTOTYPE_NAMES) {
      const partiql = mapOperation(catalog, 'dynamodb', 'ExecuteStatement', {
        statement: `${name} x FROM t`,
      });
      expect(partiql.kind, name).to.equal('unmapped');
      const record = cloudTrailRecord({
        eventName: 'TransactWriteItems',
        requestParameters: { transactItems: [{ [name]: { tableName: 'orders' } }] },
      });
      const result = parseCloudTrailRecord(record, catalog, {}, NO_FILTER);
      expect(result.kind, `${name}: ${JSON.stringify(result)}`).to.not.equal('skipped');
    }
  });

  it('a forged constructor.amazonaws.com record does not stop the run; the good record is kept', async () => {
    const dir = tempDir('tightrole-proto-');
    const forged = PROTOTYPE_NAMES.map((name) => cloudTrailRecord({ eventSource: `${name}.amazonaws.com` }));
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [...forged, cloudTrailRecord()] }));
    const reportPath = join(dir, 'report.json');
    const r = await runCli(['generate', '--cloudtrail', dir, '--report', reportPath]);
    expect(r.code, r.stderr).to.equal(0);
    expect((JSON.parse(r.stdout) as PolicyDocument).Statement[0]!.Action).to.deep.equal(['dynamodb:GetItem']);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      ingest: { records: number; used: number };
    };
    expect(report.ingest.records).to.equal(PROTOTYPE_NAMES.length + 1);
    expect(report.ingest.used).to.equal(1);
  });
});
