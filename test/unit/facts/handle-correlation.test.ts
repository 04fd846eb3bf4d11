import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectEvidence } from '../../../src/app/evidence.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';
import { tempDir } from '../../support/temp-dir.ts';

// Fictional IDs; record shapes as CloudTrail logs Athena (StartQueryExecution's response names the ID).
const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role';
const OTHER = 'arn:aws:iam::123456789012:role/reporting-role';
const WORKGROUP = 'arn:aws:athena:eu-west-1:123456789012:workgroup/orders-analytics';
const dir = tempDir('tightrole-handles-');

const start = (role: string, queryId: string, workGroup?: string) =>
  cloudTrailRecord({
    roleArn: role,
    eventSource: 'athena.amazonaws.com',
    eventName: 'StartQueryExecution',
    requestParameters: { queryString: 'SELECT 1', ...(workGroup ? { workGroup } : {}) },
    responseElements: { queryExecutionId: queryId },
  });
const results = (role: string, queryId: string) =>
  cloudTrailRecord({
    roleArn: role,
    eventSource: 'athena.amazonaws.com',
    eventName: 'GetQueryResults',
    requestParameters: { queryExecutionId: queryId, maxResults: 100 },
  });

function file(name: string, records: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ Records: records }));
  return path;
}

async function athenaFacts(files: string[], jobs: number) {
  const { store, tally } = await collectEvidence(
    { cloudtrail: files, roles: [] },
    { catalog: await realCatalog('athena'), jobs },
  );
  return {
    facts: store
      .facts()
      .filter((f) => f.action === 'athena:GetQueryResults')
      .map((f) => ({ principal: f.principal, resources: f.resources, count: f.count })),
    unresolved: tally.toReport().unresolvedResources,
  };
}

describe('correlation within a role: a call naming only a handle (issue 14)', () => {
  const q1 = '11111111-2222-4333-8444-555555555555';
  const q2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';
  // The result calls come first, in another file than the start: order and threads must not matter.
  const a = file('a.json', [results(ROLE, q1), results(ROLE, q2), results(OTHER, q1)]);
  const b = file('b.json', [start(ROLE, q1, 'orders-analytics'), start(ROLE, q2)]);

  for (const [files, jobs] of [
    [[a, b], 1],
    [[b, a], 1],
    [[a, b], 2],
  ] as const) {
    it(`GetQueryResults takes the workgroup of the same role's StartQueryExecution (files ${files.map((f) => f.slice(-6)).join(' ')}, jobs ${jobs})`, async () => {
      const { facts, unresolved } = await athenaFacts([...files], jobs);
      expect(facts).to.deep.equal(
        [
          {
            principal: ROLE,
            resources: ['arn:aws:athena:eu-west-1:123456789012:workgroup/primary'],
            count: 1,
          },
          { principal: ROLE, resources: [WORKGROUP], count: 1 },
          // Another role reading the same query ID learns nothing from ROLE's call: "*", and reported.
          { principal: OTHER, resources: '*', count: 1 },
        ]
          .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1))
          .filter(Boolean)
          .sort(byKey),
      );
      expect(unresolved).to.have.length(1);
      expect(unresolved[0]).to.deep.include({ action: 'athena:GetQueryResults', count: 1 });
      expect(unresolved[0]?.reasons?.[0]?.reason).to.match(/no StartQueryExecution of the same role/);
    });
  }
});

function byKey(
  x: { principal: string; resources: unknown },
  y: { principal: string; resources: unknown },
): number {
  const kx = JSON.stringify([x.principal, x.resources]);
  const ky = JSON.stringify([y.principal, y.resources]);
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}
