/** Code-unit order, independent of locale: the one ordering used for every sorted list in output. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct values in code-unit order (the default sort of strings is that order, without a callback). */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
