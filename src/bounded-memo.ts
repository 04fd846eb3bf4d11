/**
 * Remembers a look-up keyed by text from records. The text is untrusted, so the memory is emptied
 * when it holds `limit` answers (it never grows with the events), and keys longer than
 * `maxKeyLength` are computed every time. A compute that throws remembers nothing.
 */
export function boundedMemo<V>(
  compute: (key: string) => V,
  limit: number,
  maxKeyLength = Number.POSITIVE_INFINITY,
): (key: string) => V {
  const memory = new Map<string, V>();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    const hit = memory.get(key);
    if (hit !== undefined || memory.has(key)) return hit as V;
    const value = compute(key);
    if (memory.size >= limit) memory.clear();
    memory.set(key, value);
    return value;
  };
}
