import { Prng } from '../scripts/lib/prng.ts';
import { Catalog } from '../src/catalog/catalog.ts';
import { iamDataSource } from '../src/catalog/iam-data-source.ts';
import { catalogSplitter } from '../src/catalog/resource-split.ts';
import { FactStore } from '../src/facts/fact-store.ts';
import type { Arn, IamAction } from '../src/model/identifiers.ts';
import type { Observation } from '../src/model/observation.ts';
import { groupBy } from '../src/reduce/group-by.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../src/reduce/options.ts';
import { reducePrincipal } from '../src/reduce/reduce.ts';

/** What the reduce micro-benchmark measured. */
export interface ReduceBenchResult {
  facts: number;
  principals: number;
  statements: number;
  buildMs: number;
  reduceMs: number;
  /** CPU time of the reduce (user + system), less sensitive to a busy machine than wall time. */
  reduceCpuMs: number;
  factsPerSecond: number;
}

const ACCOUNT = '210987654321';
const REGION = 'eu-west-1';
const VPCE = 'vpce-0b1c2d3e4f5a67890';

type Maker = (rng: Prng, p: number, day: string) => Pick<Observation, 'action' | 'resources' | 'context'>;

/** Call kinds weighted like a busy account: most distinct facts are per-request objects and streams. */
const MAKERS: [number, Maker][] = [
  [
    5,
    (rng, p, day) => s3Object(rng.pick(['s3:GetObject', 's3:PutObject']), p, `in/${day}/${rng.uuid()}.json`),
  ],
  [2, (rng, p, day) => logStream(p, `${day}/[$LATEST]${rng.hex(32)}`)],
  [1, (rng, p) => dynamo(rng.pick(['GetItem', 'PutItem', 'Query', 'UpdateItem']), p, rng.int(3))],
  [1, (rng, p) => kms(rng.pick(['kms:Decrypt', 'kms:GenerateDataKey']), p)],
  [1, (rng, p) => ssm(p, rng.pick(['api-url', 'feature-flags', 'batch-size', `x-${rng.int(40)}`]))],
];

const ctx = (extra: Record<string, string> = {}) => ({ 'aws:RequestedRegion': REGION, ...extra });

function s3Object(action: string, p: number, key: string) {
  return {
    action: action as IamAction,
    resources: [`arn:aws:s3:::bucket-${p}/${key}` as Arn],
    context: ctx({ 'aws:SourceVpce': VPCE }),
  };
}

function logStream(p: number, stream: string) {
  const arn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/fn-${p}:log-stream:${stream}`;
  return { action: 'logs:CreateLogStream' as IamAction, resources: [arn as Arn], context: ctx() };
}

function dynamo(name: string, p: number, table: number) {
  const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/t-${p}-${table}`;
  return {
    action: `dynamodb:${name}` as IamAction,
    resources: [arn as Arn],
    context: ctx({ 'aws:SourceVpce': VPCE }),
  };
}

function kms(action: string, p: number) {
  const arn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-4000-8000-${String(p).padStart(12, '0')}`;
  return {
    action: action as IamAction,
    resources: [arn as Arn],
    context: ctx({ 'kms:ViaService': `s3.${REGION}.amazonaws.com` }),
  };
}

function ssm(p: number, name: string) {
  const arn = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app-${p}/${name}`;
  return { action: 'ssm:GetParameter' as IamAction, resources: [arn as Arn], context: ctx() };
}

/** `count` distinct facts spread over `principals` roles, deterministic in `seed`. */
export function buildFacts(count: number, principals: number, seed = 4): FactStore {
  const rng = new Prng(seed);
  const store = new FactStore();
  const total = MAKERS.reduce((s, [w]) => s + w, 0);
  while (store.size < count) {
    const p = rng.int(principals);
    let r = rng.next() * total;
    const maker = MAKERS.find(([w]) => (r -= w) < 0)?.[1] ?? MAKERS[0]![1];
    const day = `2026/11/${String(1 + rng.int(28)).padStart(2, '0')}`;
    const time = `2026-11-${day.slice(-2)}T10:00:00Z`;
    const principal = `arn:aws:iam::${ACCOUNT}:role/fn-${p}-role` as Arn;
    const outcome = rng.next() < 0.01 ? 'denied' : 'allowed';
    store.add({ ...maker(rng, p, day), principal, outcome, source: 'cloudtrail', time, origin: {} });
  }
  return store;
}

/**
 * Builds `count` distinct facts over `principals` roles in memory and times `reducePrincipal` for
 * every role, called as `generate` calls it: facts grouped by principal once (inside the timing),
 * each role given its own facts, the catalog's `safe` splitter.
 */
export async function reduceBench(count = 100_000, principals = 50): Promise<ReduceBenchResult> {
  const buildStart = performance.now();
  const store = buildFacts(count, principals);
  const facts = store.facts();
  const buildMs = performance.now() - buildStart;
  const catalog = new Catalog(iamDataSource());
  await catalog.ensure(new Set(facts.map((f) => f.action.slice(0, f.action.indexOf(':')))));
  const split = catalogSplitter(catalog, 'safe');
  const roles = [...new Set(facts.map((f) => f.principal))].sort();
  const start = performance.now();
  const cpu = process.cpuUsage();
  let statements = 0;
  const byPrincipal = groupBy(facts, (f) => f.principal);
  for (const role of roles) {
    const own = byPrincipal.get(role) ?? [];
    statements += reducePrincipal(role, own, DEFAULT_REDUCE_OPTIONS, split).policy.Statement.length;
  }
  const used = process.cpuUsage(cpu);
  const reduceMs = performance.now() - start;
  return {
    facts: facts.length,
    principals: roles.length,
    statements,
    buildMs,
    reduceMs,
    reduceCpuMs: (used.user + used.system) / 1000,
    factsPerSecond: (facts.length / reduceMs) * 1000,
  };
}
