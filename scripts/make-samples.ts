/**
 * Regenerates samples/: a small, fictional serverless account's CloudTrail logs in the S3 delivery
 * layout, and each role's current (too broad) policies. Deterministic: same bytes on every run.
 * Usage: node --import tsx scripts/make-samples.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Prng } from './lib/prng.ts';
import { ACCOUNT, FUNCTIONS, REGION, type Behaviour, type FunctionSpec } from './lib/sample-account.ts';
import { functionCall, otherPrincipal } from './lib/sample-records.ts';
import { CURRENT_POLICIES } from './lib/sample-policies.ts';
import { sampleStats } from './lib/sample-stats.ts';
import { AUTHORIZATION_DETAILS } from './lib/sample-iam.ts';
import {
  EVENT_SOURCE_MAPPINGS,
  FUNCTION_POLICIES,
  FUNCTION_URLS,
  LIST_FUNCTIONS,
} from './lib/sample-lambda.ts';

const OUT = new URL('../samples/', import.meta.url).pathname;
const DAYS = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
const rng = new Prng(20261125);
const records: Record<string, unknown>[] = [];

for (const day of DAYS) {
  for (let hour = 0; hour < 24; hour++) {
    for (const fn of FUNCTIONS) {
      const invocations =
        fn.name === 'nightly-report'
          ? hour === 2
            ? 3
            : 0
          : Math.max(0, Math.round(fn.rate / 2) - 2 + rng.int(5));
      for (let i = 0; i < invocations; i++) invoke(fn, day, hour);
    }
    noise(day, hour);
  }
}

function at(day: string, hour: number): Date {
  return new Date(Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`) + rng.int(3_600_000));
}

function invoke(fn: FunctionSpec, day: string, hour: number): void {
  const dayPath = day.replaceAll('-', '/');
  const calls = fn.name === 'nightly-report' ? fn.behaviours : pickBehaviours(fn.behaviours, 2 + rng.int(3));
  for (const b of calls) records.push(functionCall(rng, fn, b, at(day, hour), dayPath));
}

function pickBehaviours(behaviours: Behaviour[], n: number): Behaviour[] {
  const total = behaviours.reduce((s, b) => s + b.weight, 0);
  return Array.from({ length: n }, () => {
    let r = rng.next() * total;
    return behaviours.find((b) => (r -= b.weight) < 0) ?? behaviours[0]!;
  });
}

// AccessDenied and other failures, other principals, non-API events: what real trails also hold.
function noise(day: string, hour: number): void {
  const [orders, worker, report] = FUNCTIONS as [FunctionSpec, FunctionSpec, FunctionSpec];
  const dayPath = day.replaceAll('-', '/');
  if (hour === 9) {
    const scan: Behaviour = {
      source: 'dynamodb',
      name: 'Scan',
      weight: 1,
      category: 'Data',
      readOnly: true,
      params: () => ({ tableName: 'orders' }),
    };
    records.push(
      functionCall(rng, orders, scan, at(day, hour), dayPath, {
        code: 'AccessDenied',
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/orders-api-role/orders-api is not authorized to perform: dynamodb:Scan on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders because no identity-based policy allows the dynamodb:Scan action`,
      }),
    );
  }
  if (hour === 13) {
    const del: Behaviour = {
      source: 's3',
      name: 'DeleteObject',
      weight: 1,
      category: 'Data',
      readOnly: false,
      params: (r, d) => ({ bucketName: 'acme-receipts', key: `receipts/${d}/r-${r.uuid()}.pdf` }),
    };
    records.push(
      functionCall(rng, worker, del, at(day, hour), dayPath, {
        code: 'AccessDenied',
        message: 'Access Denied',
      }),
    );
    records.push(
      functionCall(rng, orders, orders.behaviours[0]!, at(day, hour), dayPath, {
        code: 'ProvisionedThroughputExceededException',
        message: 'The level of configured provisioned throughput for the table was exceeded.',
      }),
    );
  }
  if (hour === 2) {
    const missing: Behaviour = {
      source: 'ssm',
      name: 'GetParameter',
      weight: 1,
      category: 'Management',
      readOnly: true,
      params: () => ({ name: '/reporting/old-key', withDecryption: true }),
    };
    records.push(
      functionCall(rng, report, missing, at(day, hour), dayPath, {
        code: 'ParameterNotFound',
        message: 'Parameter /reporting/old-key not found.',
      }),
    );
  }
  if (hour % 6 === 0)
    for (const fn of FUNCTIONS) records.push(otherPrincipal(rng, 'service', at(day, hour), fn));
  if (hour === 10)
    records.push(
      otherPrincipal(rng, 'admin', at(day, hour), orders),
      otherPrincipal(rng, 'console', at(day, hour), orders),
    );
  if (hour === 16 && day === '2026-11-20') records.push(otherPrincipal(rng, 'deploy', at(day, hour), worker));
}

// Deliver like CloudTrail: per region, a file every ~15 minutes, records slightly out of order.
rmSync(join(OUT, 'cloudtrail'), { recursive: true, force: true });
const files = new Map<string, Record<string, unknown>[]>();
for (const record of records) {
  const time = new Date(String(record['eventTime']));
  const region = String(record['awsRegion']);
  const slot = new Date(Math.floor(time.getTime() / 900_000) * 900_000 + 900_000 + 300_000);
  const stamp = slot.toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
  const dir = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${slot.toISOString().slice(0, 10).replaceAll('-', '/')}`;
  const key = `${dir}/${ACCOUNT}_CloudTrail_${region}_${stamp}`;
  files.set(key, [...(files.get(key) ?? []), record]);
}
const names = [...files.keys()].sort();
for (const key of names) {
  const batch = files.get(key)!;
  batch.sort((a, b) => (String(a['eventTime']) < String(b['eventTime']) ? -1 : 1));
  // CloudTrail files are not strictly ordered: swap a few neighbours.
  for (let i = 1; i < batch.length; i++)
    if (rng.next() < 0.1) [batch[i - 1], batch[i]] = [batch[i]!, batch[i - 1]!];
  const path = join(OUT, 'cloudtrail', `${key}_${rng.alnum(16)}.json.gz`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(JSON.stringify({ Records: batch }), { level: 9 }));
}

rmSync(join(OUT, 'current-policies'), { recursive: true, force: true });
mkdirSync(join(OUT, 'current-policies'), { recursive: true });
for (const [name, doc] of Object.entries(CURRENT_POLICIES)) {
  writeFileSync(join(OUT, 'current-policies', `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
}

const fileRegions = names.map((n) => n.split('/')[3]!);
console.log(sampleStats(records, fileRegions).join('\n'));

// The account around the logs, for `tightrole audit` and `tightrole boundary`: IAM and Lambda as the
// AWS CLI prints them. Written after the logs and using no random numbers, so the logs stay the same.
const ACCOUNT_DIR = join(OUT, 'account');
rmSync(ACCOUNT_DIR, { recursive: true, force: true });
const writeJson = (path: string, value: unknown) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};
writeJson(join(ACCOUNT_DIR, 'iam-authorization-details.json'), AUTHORIZATION_DETAILS);
writeJson(join(ACCOUNT_DIR, 'lambda', 'list-functions.json'), LIST_FUNCTIONS);
writeJson(join(ACCOUNT_DIR, 'lambda', 'list-event-source-mappings.json'), EVENT_SOURCE_MAPPINGS);
for (const [name, value] of Object.entries(FUNCTION_POLICIES))
  writeJson(join(ACCOUNT_DIR, 'lambda', `get-policy-${name}.json`), value);
for (const [name, value] of Object.entries(FUNCTION_URLS))
  writeJson(join(ACCOUNT_DIR, 'lambda', `get-function-url-config-${name}.json`), value);
