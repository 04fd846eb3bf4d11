import type { QueryEngine, QueryRow } from '../aws/query-engine.ts';
import { SYSTEM_CLOCK, type Clock } from '../aws/rate-limit.ts';
import { AwsError } from '../errors.ts';

/** One page of grouped rows, named like a file for reports (`athena:QUERY_ID:page2`). */
export interface RowPage {
  name: string;
  rows: QueryRow[];
}

export interface QueryRunOptions {
  /** Default: the system clock. */
  clock?: Clock;
  /** First wait between status polls; doubles up to {@link MAX_POLL_MS}. Default 500. */
  pollMs?: number;
  /** Give up after this long. Default 30 minutes. */
  timeoutMs?: number;
  /** Called with the query ID once started (the CLI prints it, for the console or a cancel). */
  onStarted?: (queryId: string) => void;
}

export const MAX_POLL_MS = 5000;

async function waitForQuery(engine: QueryEngine, queryId: string, options: QueryRunOptions): Promise<void> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const deadline = clock.now() + (options.timeoutMs ?? 30 * 60_000);
  let wait = options.pollMs ?? 500;
  for (;;) {
    const state = await engine.status(queryId);
    if (state.kind === 'done') return;
    if (state.kind === 'failed')
      throw new AwsError(`${engine.name} query ${queryId} did not finish: ${state.reason}`);
    if (clock.now() >= deadline)
      throw new AwsError(
        `${engine.name} query ${queryId} still running after the time limit; it keeps running in AWS`,
      );
    await clock.sleep(wait);
    wait = Math.min(wait * 2, MAX_POLL_MS);
  }
}

/** Runs one query to completion (polling its status), then yields its result pages in order. */
export async function* runQuery(
  engine: QueryEngine,
  sql: string,
  options: QueryRunOptions = {},
): AsyncGenerator<RowPage> {
  const queryId = await engine.start(sql);
  options.onStarted?.(queryId);
  await waitForQuery(engine, queryId, options);
  const prefix = engine.name === 'Athena' ? 'athena' : 'cloudtrail-lake';
  let nextToken: string | undefined;
  let page = 0;
  do {
    const out = await engine.results(queryId, nextToken);
    nextToken = out.nextToken;
    yield { name: `${prefix}:${queryId}:page${++page}`, rows: out.rows };
  } while (nextToken);
}
