/** Inclusive day range `YYYY/MM/DD` of the folders that may hold events in a window. */
export interface DayRange {
  first?: string;
  last?: string;
}

// CloudTrail delivers a file minutes after its events, occasionally hours (see expand-paths.ts):
// events just before midnight may sit in the next day's folder.
const LATE_DELIVERY_MS = 6 * 60 * 60 * 1000;

/** Enumerate days instead of listing year/month folders when the window is at most this long. */
export const MAX_ENUMERATED_DAYS = 62;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '/');

/** The day folders a `--since/--until` window selects. */
export function dayRange(since?: string, until?: string): DayRange {
  return {
    ...(since ? { first: dayOf(Date.parse(since)) } : {}),
    ...(until ? { last: dayOf(Date.parse(until) + LATE_DELIVERY_MS) } : {}),
  };
}

/** True when a partial date folder ("2026", "2026/11", "2026/11/20") can hold a day in the range. */
export function dateFolderInRange(partial: string, range: DayRange): boolean {
  const n = partial.length;
  return (
    (!range.first || partial >= range.first.slice(0, n)) && (!range.last || partial <= range.last.slice(0, n))
  );
}

/** Every day folder of a bounded range, or undefined when it is open or longer than the limit. */
export function enumerateDays(range: DayRange): string[] | undefined {
  if (!range.first || !range.last) return undefined;
  const start = Date.parse(`${range.first.replaceAll('/', '-')}T00:00:00Z`);
  const end = Date.parse(`${range.last.replaceAll('/', '-')}T00:00:00Z`);
  const days = Math.round((end - start) / 86_400_000) + 1;
  if (days > MAX_ENUMERATED_DAYS) return undefined;
  return Array.from({ length: Math.max(days, 0) }, (_, i) => dayOf(start + i * 86_400_000));
}
