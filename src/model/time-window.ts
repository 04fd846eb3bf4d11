/**
 * The time window a run selects (`--since` / `--until`): inclusive ISO-8601 bounds, either open.
 * One value carried from the flags to every reader and parser, never a loose pair of fields.
 */
export interface TimeWindow {
  readonly since?: string;
  readonly until?: string;
}

/** No bound on either side. */
export const ALL_TIME: TimeWindow = {};

/** A window from optional bounds (absent or empty bounds are left out, so the value stays serialisable). */
export function timeWindow(since?: string, until?: string): TimeWindow {
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

/** True when `time` (ISO-8601) falls inside the window, bounds included. */
export function inTimeWindow(time: string, window: TimeWindow): boolean {
  return (!window.since || time >= window.since) && (!window.until || time <= window.until);
}

/** True when the window bounds neither side. */
export function isAllTime(window: TimeWindow): boolean {
  return !window.since && !window.until;
}
