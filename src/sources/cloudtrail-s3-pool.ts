/** A task's outcome, so one failure never leaves other running tasks unobserved. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `run` over `items` with at most `limit` in flight, yielding outcomes in the items' order
 * (so output never depends on which download finished first).
 */
export async function* orderedPool<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): AsyncGenerator<Settled<R>> {
  const pending: Promise<Settled<R>>[] = [];
  let next = 0;
  const start = () => {
    const item = items[next++] as T;
    pending.push(
      run(item).then(
        (value): Settled<R> => ({ ok: true, value }),
        (error: unknown): Settled<R> => ({ ok: false, error }),
      ),
    );
  };
  while (next < items.length && pending.length < Math.max(1, limit)) start();
  while (pending.length > 0) {
    const settled = await pending.shift()!;
    if (next < items.length) start();
    yield settled;
  }
}
