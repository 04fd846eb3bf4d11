import { Prng } from '../scripts/lib/prng.ts';
import { CALL_TEMPLATES, logStreamCall, type CallSpec } from './corpus-calls.ts';

/** The synthetic account every bench corpus lives in. */
export const BENCH_ACCOUNT = '210987654321';
/** Regions the corpus delivers files for; the first one is home to most functions. */
export const BENCH_REGIONS = ['eu-west-1', 'us-east-1'] as const;

/** What one function's role owns: the names its calls touch. */
export interface RoleResources {
  account: string;
  region: string;
  fn: string;
  table: string;
  bucket: string;
  prefix: string;
  queue: string;
  topic: string;
  keyId: string;
  secret: string;
  paramPath: string;
  otherRole: string;
}

/** One function's execution role, and the calls (with weights) it makes. */
export interface BenchRole {
  fn: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  region: string;
  /** Share of the region's function traffic (Zipf-like: a few busy functions, a long tail). */
  weight: number;
  calls: CallSpec[];
  totalCallWeight: number;
}

const TEAMS = [
  'orders',
  'billing',
  'search',
  'media',
  'auth',
  'notify',
  'catalog',
  'report',
  'ingest',
  'audit',
];
const VERBS = [
  'api',
  'worker',
  'sync',
  'export',
  'import',
  'resizer',
  'indexer',
  'scheduler',
  'webhook',
  'cleanup',
];

/** The function roles of a corpus, fixed by the seed (same seed, same roles). */
export function benchRoles(seed: number, count: number): BenchRole[] {
  const rng = new Prng(seed ^ 0x5eed);
  return Array.from({ length: count }, (_, i) => makeRole(rng, i));
}

function makeRole(rng: Prng, i: number): BenchRole {
  const team = TEAMS[i % TEAMS.length]!;
  const fn = `${team}-${VERBS[Math.floor(i / TEAMS.length) % VERBS.length]!}-${i}`;
  const region = i % 5 === 4 ? BENCH_REGIONS[1] : BENCH_REGIONS[0];
  const roleName = `${fn}-role`;
  const path = i % 3 === 0 ? 'service-role/' : '';
  const res = roleResources(rng, fn, team, region);
  const calls = pickCalls(rng, res);
  return {
    fn,
    roleName,
    roleArn: `arn:aws:iam::${BENCH_ACCOUNT}:role/${path}${roleName}`,
    roleId: `AROA${rng.alnum(17).toUpperCase()}`,
    region,
    weight: 1 / Math.pow(i + 1, 0.8),
    calls,
    totalCallWeight: calls.reduce((s, c) => s + c.weight, 0),
  };
}

function roleResources(rng: Prng, fn: string, team: string, region: string): RoleResources {
  return {
    account: BENCH_ACCOUNT,
    region,
    fn,
    table: `${team}-${rng.pick(['items', 'events', 'state', 'sessions', 'jobs'])}-${rng.int(9)}`,
    bucket: `acme-${team}-${rng.pick(['data', 'uploads', 'exports', 'assets'])}-${BENCH_ACCOUNT}`,
    prefix: rng.pick(['incoming', 'processed', 'exports', 'thumbs', 'raw']),
    queue: `${fn}-queue`,
    topic: `${team}-${rng.pick(['events', 'alerts', 'done'])}`,
    keyId: rng.uuid(),
    secret: `prod/${team}/${rng.pick(['db', 'api-key', 'webhook'])}-${rng.alnum(6)}`,
    paramPath: `/${team}/${fn}`,
    otherRole: `arn:aws:iam::${BENCH_ACCOUNT}:role/${team}-cross-account-reader`,
  };
}

/** Every function writes logs; then 3 to 8 other call kinds, each with its own weight. */
function pickCalls(rng: Prng, res: RoleResources): CallSpec[] {
  const pool = [...CALL_TEMPLATES];
  const n = 3 + rng.int(6);
  const calls: CallSpec[] = [logStreamCall(res)];
  for (let k = 0; k < n && pool.length > 0; k++) {
    const [template] = pool.splice(rng.int(pool.length), 1);
    const call = template!(res);
    calls.push({ ...call, weight: call.weight * (1 + rng.int(4)) });
  }
  return calls;
}

/** Picks a call by weight. */
export function pickCall(rng: Prng, role: BenchRole): CallSpec {
  let r = rng.next() * role.totalCallWeight;
  for (const call of role.calls) if ((r -= call.weight) < 0) return call;
  return role.calls[0]!;
}
