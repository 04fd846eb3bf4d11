import { Catalog } from '../src/catalog/catalog.ts';
import { iamDataSource } from '../src/catalog/iam-data-source.ts';
import { catalogSplitter } from '../src/catalog/resource-split.ts';
import { FactStore } from '../src/facts/fact-store.ts';
import type { Arn, IamAction } from '../src/model/identifiers.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../src/reduce/options.ts';
import { reducePrincipal } from '../src/reduce/reduce.ts';

const ROLE = 'arn:aws:iam::123456789012:role/worker' as Arn;

/** Hostile shapes of one role's evidence: N distinct resources of one action. */
export type ReduceShape = 'tables' | 'secrets' | 'streams';

function resourceOf(shape: ReduceShape, i: number): { action: IamAction; arn: Arn } {
  const n = i.toString(36);
  if (shape === 'tables')
    return {
      action: 'dynamodb:GetItem' as IamAction,
      arn: `arn:aws:dynamodb:eu-west-1:123456789012:table/t-${n}` as Arn,
    };
  if (shape === 'secrets')
    return {
      action: 'secretsmanager:GetSecretValue' as IamAction,
      arn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-${n}-AbCdEf` as Arn,
    };
  return {
    action: 'logs:PutLogEvents' as IamAction,
    arn: `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f-${n}:log-stream:2026/11/20/[$LATEST]x${n}` as Arn,
  };
}

/** Builds `count` distinct facts of one shape for one role and times its reduce (CPU ms). */
export async function hostileReduce(
  shape: ReduceShape,
  count: number,
): Promise<{ facts: number; statements: number; resources: number; cpuMs: number; wallMs: number }> {
  const store = new FactStore();
  for (let i = 0; i < count; i++) {
    const { action, arn } = resourceOf(shape, i);
    store.add({
      principal: ROLE,
      action,
      resources: [arn],
      context: {},
      outcome: 'allowed',
      source: 'cloudtrail',
      time: '2026-11-20T10:00:00Z',
      origin: {},
    });
  }
  const facts = store.facts();
  const catalog = new Catalog(iamDataSource());
  await catalog.ensure(new Set(facts.map((f) => f.action.slice(0, f.action.indexOf(':')))));
  const split = catalogSplitter(catalog, 'safe');
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = reducePrincipal(ROLE, facts, DEFAULT_REDUCE_OPTIONS, split);
  const used = process.cpuUsage(cpu);
  return {
    facts: facts.length,
    statements: result.policy.Statement.length,
    resources: result.policy.Statement.reduce((n, s) => n + (s.Resource?.length ?? 0), 0),
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - start,
  };
}
