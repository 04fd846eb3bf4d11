/**
 * A value of a data table by a key that may come from a record: only the table's own entries, so a
 * key such as `constructor` or `toString` never reaches Object.prototype.
 */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
