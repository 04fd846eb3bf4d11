import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { generate } from '../../../src/app/generate.ts';
import { unescapeIamValue } from '../../../src/catalog/arn-template.ts';
import { Catalog } from '../../../src/catalog/catalog.ts';
import { iamDataSource } from '../../../src/catalog/iam-data-source.ts';
import { otelExportsFromText } from '../../../src/ingest/otel-documents.ts';
import { observeSdkCall } from '../../../src/ingest/trace-call.ts';
import { xrayDocumentsFromText } from '../../../src/ingest/trace-documents.ts';
import { batchPrefixes, otelBatch, xrayBatch, type TraceBatch } from '../../../src/ingest/trace-feed.ts';
import type { Observation } from '../../../src/model/observation.ts';
import { evaluateRequest } from '../../../src/policy/evaluate.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../../src/reduce/options.ts';

const SAMPLES = new URL('../../../samples/', import.meta.url).pathname;
const XRAY = `${SAMPLES}traces/xray/daemon-datagrams.jsonl`;
const OTEL = `${SAMPLES}traces/otel/collector-export.jsonl`;
const ROLES = JSON.parse(readFileSync(`${SAMPLES}traces/function-roles.json`, 'utf8')) as Record<
  string,
  string
>;

/** Allowed trace observations of the captured samples, parsed apart from the generate pipeline. */
async function traceObservations(catalog: Catalog): Promise<(Observation & { fn: string })[]> {
  const batches: TraceBatch[] = [
    xrayBatch(xrayDocumentsFromText(readFileSync(XRAY, 'utf8')).documents, XRAY),
    otelBatch(otelExportsFromText(readFileSync(OTEL, 'utf8')).documents, OTEL),
  ];
  await catalog.ensure(batches.flatMap(batchPrefixes));
  return batches.flatMap((b) =>
    b.calls.flatMap(({ subject, call }) => {
      const r = observeSdkCall(call, catalog, {});
      if (r.kind !== 'observations') return [];
      return r.observations
        .filter((o) => o.outcome === 'allowed')
        .map((o) => ({
          ...o,
          fn: subject!.name,
          principal: ROLES[subject!.name] as Observation['principal'],
        }));
    }),
  );
}

describe('samples: CloudTrail + captured traces -> sound, ARN-scoped policies', () => {
  before(function () {
    if (!existsSync(`${SAMPLES}cloudtrail`) || !existsSync(XRAY)) this.skip();
  });

  it("every captured trace call is allowed by its role's generated policy", async () => {
    const catalog = new Catalog(iamDataSource());
    const { results, report } = await generate(
      {
        cloudtrail: [`${SAMPLES}cloudtrail`],
        roles: [],
        traces: { xray: [`${SAMPLES}traces/xray`], otel: [`${SAMPLES}traces/otel`], functionRoles: [] },
        reduce: DEFAULT_REDUCE_OPTIONS,
        strict: false,
      },
      { catalog, jobs: 2 },
    );
    const observations = await traceObservations(catalog);
    expect(observations.length).to.be.greaterThan(40);
    const refused = observations.flatMap((o) => {
      const policy = results.find((r) => r.principal === o.principal);
      if (!policy) return [`${o.fn}: no policy for ${o.principal}`];
      return (o.resources === '*' ? ['*'] : o.resources).flatMap((resource) => {
        const d = evaluateRequest(policy.documents, {
          action: o.action,
          resource: unescapeIamValue(resource),
          context: o.context,
        });
        return d.decision === 'allowed' ? [] : [`${o.fn} ${o.action} ${resource}: ${d.decision}`];
      });
    });
    expect(refused).to.deep.equal([]);
    // Data-plane calls are granted on ARNs, never "*", and the statements name the trace sources.
    for (const o of observations) expect(o.resources, `${o.fn} ${o.action}`).to.not.equal('*');
    const sources = new Set(report.roles.flatMap((r) => r.explain.flatMap((s) => s.sources)));
    expect([...sources].sort()).to.deep.equal(['cloudtrail', 'otel', 'xray']);
    // Every traced function was attributed from the run's own CloudTrail sessions.
    expect(report.ingest.skipped.map((s) => s.reason)).to.not.include('unresolved-function');
  });

  it('traces alone (with the mapping file) give each function its data-plane calls, ARN-scoped', async () => {
    const catalog = new Catalog(iamDataSource());
    const { results } = await generate(
      {
        cloudtrail: [],
        roles: [],
        traces: {
          xray: [XRAY],
          otel: [],
          functionRoles: [],
          functionRolesFile: `${SAMPLES}traces/function-roles.json`,
        },
        reduce: DEFAULT_REDUCE_OPTIONS,
        strict: false,
      },
      { catalog },
    );
    const grants = new Map(
      results.map((r) => [
        r.principal.slice(r.principal.lastIndexOf('/') + 1),
        r.documents.flatMap((d) =>
          d.Statement.flatMap((s) => (s.Action ?? []).map((a) => `${a} ${(s.Resource ?? []).join(',')}`)),
        ),
      ]),
    );
    expect(grants.get('orders-api-role')).to.include(
      'dynamodb:Query arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by-customer',
    );
    expect(grants.get('orders-api-role')!.join('\n')).to.not.match(/dynamodb:Scan/);
    expect(grants.get('receipt-worker-role')).to.include(
      'sns:Publish arn:aws:sns:eu-west-1:123456789012:receipt-ready',
    );
    expect(
      grants
        .get('receipt-worker-role')!
        .some((g) => g.startsWith('s3:PutObject arn:aws:s3:::acme-receipts/receipts/')),
    ).to.equal(true);
    expect(grants.get('nightly-report-role')).to.include(
      'ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/reporting/db-host,arn:aws:ssm:eu-west-1:123456789012:parameter/reporting/threshold',
    );
  });
});
