import type { IngestTally } from '../ingest/tally.ts';
import type { TraceReport } from './ingest-traces.ts';
import type { Fact } from '../model/fact.ts';
import type { LambdaFunction } from '../ingest/lambda-functions.ts';
import type { BaselineApplied } from '../reduce/platform-baseline.ts';
import type { ReduceResult, StatementExplanation } from '../reduce/reduce.ts';
import type { Widening } from '../reduce/widen.ts';

/** What the run knew of the platform: Lambda functions behind the roles, and the baselines applied. */
export interface PlatformEvidence {
  functions: LambdaFunction[];
  applied: BaselineApplied[];
  facts: readonly Fact[];
}

/** What `--report FILE` writes: the ingest report, per-action counts and the reduce statistics. */
export interface RunReport {
  tool: { name: 'tightrole'; catalogVersion: string };
  ingest: ReturnType<IngestTally['toReport']>;
  actions: { principal: string; action: string; outcome: string; calls: number }[];
  /** Traced functions and the role each was attributed to (when traces were read). */
  traces?: TraceReport;
  /**
   * Lambda functions recognised behind the selected roles (and how), and the platform baselines
   * granted for them: inferred, no call behind them (absent with --no-baseline).
   */
  platform?: { functions: LambdaFunction[]; baselines: BaselineApplied[] };
  roles: {
    principal: string;
    stats: ReduceResult['stats'];
    delivery: string;
    documents: number;
    widenings: Widening[];
    explain: StatementExplanation[];
  }[];
}

export function buildRunReport(
  tally: IngestTally,
  facts: readonly Fact[],
  results: readonly (ReduceResult & {
    delivery: string;
    documents: readonly unknown[];
    widenings: Widening[];
  })[],
  catalogVersion: string,
  platform?: PlatformEvidence,
): RunReport {
  const counts = new Map<string, { principal: string; action: string; outcome: string; calls: number }>();
  for (const f of facts) {
    const key = JSON.stringify([f.principal, f.action, f.outcome]);
    const entry = counts.get(key) ?? {
      principal: f.principal,
      action: f.action,
      outcome: f.outcome,
      calls: 0,
    };
    entry.calls += f.count;
    counts.set(key, entry);
  }
  return {
    tool: { name: 'tightrole', catalogVersion },
    ingest: tally.toReport(),
    actions: [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v),
    ...(platform && platform.functions.length > 0
      ? { platform: { functions: platform.functions, baselines: platform.applied } }
      : {}),
    roles: results.map((r) => ({
      principal: r.principal,
      stats: r.stats,
      delivery: r.delivery,
      documents: r.documents.length,
      widenings: r.widenings,
      explain: r.explain,
    })),
  };
}
