import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectEvidence } from '../../../src/app/evidence.ts';
import { ingestTraces } from '../../../src/app/ingest-traces.ts';
import { FactStore } from '../../../src/facts/fact-store.ts';
import { NO_FILTER } from '../../../src/ingest/record-result.ts';
import { IngestTally } from '../../../src/ingest/tally.ts';
import { realCatalog } from '../../support/catalog.ts';
import { cloudTrailRecord } from '../../support/records.ts';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders-api-role';
const dir = tempDir('tightrole-xray-');

function functionSegment(name: string, calls: Record<string, unknown>[]) {
  return {
    trace_id: `1-6920a000-${name.length.toString(16).padStart(24, '0')}`,
    id: 'aaaaaaaaaaaaaaaa',
    name,
    origin: 'AWS::Lambda::Function',
    start_time: 1795000000.5,
    aws: { function_arn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}` },
    subsegments: calls.map((aws, i) => ({
      id: `c${i}`.padEnd(16, '0'),
      name: 'DynamoDB',
      namespace: 'aws',
      start_time: 1795000000.6,
      http: { response: { status: 200 } },
      aws: { region: 'eu-west-1', ...aws },
    })),
  };
}

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

async function run(
  files: string[],
  options: { functionRoles?: string[]; resolveRoles?: boolean } = {},
  lambda?: (fn: string) => string,
) {
  const catalog = await realCatalog('dynamodb');
  const store = new FactStore();
  const tally = new IngestTally();
  const warnings: string[] = [];
  const report = await ingestTraces(
    {
      xray: files,
      otel: [],
      functionRoles: options.functionRoles ?? [],
      resolveRoles: options.resolveRoles ?? false,
    },
    {
      catalog,
      store,
      tally,
      filter: NO_FILTER,
      onWarning: (m) => warnings.push(m),
      ports: {
        openXRay: () => Promise.reject(new Error('this test reads no X-Ray API')),
        openLambdaRoles: async () => {
          if (!lambda) throw new Error('this test asks no Lambda');
          return { roleOf: async (fn: string) => lambda(fn), close: () => undefined };
        },
      },
    },
  );
  return { store, tally: tally.toReport(), report, warnings };
}

describe('ingestTraces: attribution to roles', () => {
  const file = writeJson('segments.json', [
    functionSegment('orders-api', [{ operation: 'GetItem', table_name: 'orders' }]),
    functionSegment('mystery-fn', [
      { operation: 'PutItem', table_name: 'orders' },
      { operation: 'GetItem', table_name: 'x' },
    ]),
  ]);

  it('reports functions without a role by name and counts their calls, never guessing', async () => {
    const { store, tally, report, warnings } = await run([file], { functionRoles: [`orders-api=${ROLE}`] });
    expect(report.functions.map((f) => [f.name, f.role ?? null, f.via ?? null, f.records])).to.deep.equal([
      ['mystery-fn', null, null, 2],
      ['orders-api', ROLE, 'explicit', 1],
    ]);
    expect(store.facts().map((f) => `${f.principal} ${f.action}`)).to.deep.equal([
      `${ROLE} dynamodb:GetItem`,
    ]);
    expect(tally.records).to.equal(tally.used + tally.skipped.reduce((n, s) => n + s.count, 0));
    expect(tally.skipped.find((s) => s.reason === 'unresolved-function')).to.include({ count: 2 });
    expect(warnings.join('\n')).to.match(/mystery-fn \(2 calls\) not used: no role known/);
  });

  it('asks the Lambda API last, and only with resolveRoles', async () => {
    const asked: string[] = [];
    const lambda = (fn: string) => {
      asked.push(fn);
      return 'arn:aws:iam::123456789012:role/mystery-role';
    };
    const { report } = await run(
      [file],
      { functionRoles: [`orders-api=${ROLE}`], resolveRoles: true },
      lambda,
    );
    expect(asked).to.deep.equal(['arn:aws:lambda:eu-west-1:123456789012:function:mystery-fn']);
    expect(report.functions.map((f) => f.via)).to.deep.equal(['lambda-api', 'explicit']);
  });
});

describe('CloudTrail and traces together (collectEvidence)', () => {
  it('learns the role from CloudTrail and merges the same call into one fact with both sources', async () => {
    const trail = writeJson('trail.json', { Records: [cloudTrailRecord()] });
    const traces = writeJson('traces.json', [
      functionSegment('orders-api', [{ operation: 'GetItem', table_name: 'orders' }]),
    ]);
    for (const jobs of [1, 2]) {
      const other = writeJson('trail-2.json', { Records: [cloudTrailRecord({ eventName: 'PutItem' })] });
      const { store, traces: report } = await collectEvidence(
        { cloudtrail: [trail, other], roles: [], traces: { xray: [traces], otel: [], functionRoles: [] } },
        { catalog: await realCatalog('dynamodb'), jobs },
      );
      const getItem = store.facts().filter((f) => f.action === 'dynamodb:GetItem');
      expect(getItem, `jobs=${jobs}`).to.have.length(1);
      expect(getItem[0]).to.deep.include({ principal: ROLE, count: 2, sources: ['cloudtrail', 'xray'] });
      expect(report?.functions[0]).to.deep.include({ name: 'orders-api', role: ROLE, via: 'cloudtrail' });
    }
  });
});

describe('function -> role learned only from well-formed, successful sessions (#19.2)', () => {
  const ADMIN = 'arn:aws:iam::123456789012:role/admin-role';
  /** A session named after the function, issued by `role`, with a Lambda runtime's user agent. */
  const claim = (role: string, overrides: Record<string, unknown> = {}) => {
    const base = cloudTrailRecord({ roleArn: role, ...overrides });
    const identity = base['userIdentity'] as Record<string, unknown>;
    return { ...base, userIdentity: { ...identity, principalId: 'AROAEXAMPLEID:orders-api' } };
  };
  const nineCalls = Array.from({ length: 9 }, (_, i) => ({ operation: 'GetItem', table_name: `t${i}` }));
  const traces = () => writeJson('nine.json', [functionSegment('orders-api', nineCalls)]);

  async function evidence(records: unknown[], functionRoles: string[] = []) {
    const trail = writeJson('claims.json', { Records: records });
    const out = [];
    for (const jobs of [1, 2]) {
      const {
        store,
        traces: report,
        tally,
      } = await collectEvidence(
        { cloudtrail: [trail], roles: [], traces: { xray: [traces()], otel: [], functionRoles } },
        { catalog: await realCatalog('dynamodb'), jobs },
      );
      const traced = store.facts().filter((f) => f.sources.includes('xray'));
      out.push({
        principals: [...new Set(traced.map((f) => f.principal))],
        fn: report!.functions[0]!,
        tally,
      });
    }
    expect(out[1]!.principals, 'jobs=2 agrees').to.deep.equal(out[0]!.principals);
    return out[0]!;
  }

  it('a malformed record (no eventSource) naming admin-role teaches nothing: the 9 calls stay unattributed', async () => {
    const malformed = claim(ADMIN);
    delete (malformed as Record<string, unknown>)['eventSource'];
    const { principals, fn, tally } = await evidence([malformed]);
    expect(tally.toReport().skipped.find((s) => s.reason === 'malformed-record')).to.include({ count: 1 });
    expect(principals).to.deep.equal([]);
    expect(fn).to.include({ name: 'orders-api', records: 9 });
    expect(fn.role).to.equal(undefined);
  });

  it('a refused or failed call teaches nothing either', async () => {
    const denied = claim(ADMIN, { errorCode: 'AccessDenied', errorMessage: 'no' });
    const failed = claim(ADMIN, { errorCode: 'ResourceNotFoundException' });
    const { principals } = await evidence([denied, failed]);
    expect(principals).to.deep.equal([]);
  });

  it('two roles claiming the function: neither is used, the report names both; --function-role decides', async () => {
    const records = [claim(ROLE), claim(ADMIN, { userAgent: 'aws-cli/2' })];
    const { principals, fn } = await evidence(records);
    expect(principals).to.deep.equal([]);
    expect(fn.unresolved).to.include(ADMIN).and.include(ROLE).and.include('--function-role');
    const chosen = await evidence(records, [`orders-api=${ROLE}`]);
    expect(chosen.principals).to.deep.equal([ROLE]);
    expect(chosen.fn).to.include({ via: 'explicit' });
  });

  it('one well-formed, successful session is learned', async () => {
    const { principals, fn } = await evidence([claim(ROLE)]);
    expect(principals).to.deep.equal([ROLE]);
    expect(fn).to.include({ via: 'cloudtrail' });
  });
});
