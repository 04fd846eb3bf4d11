import { UsageError } from '../errors.ts';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since/--until` values: ISO-8601 (`2026-11-20`, `2026-11-20T10:00:00Z`) or relative to now
 * (`30m`, `12h`, `7d`, `2w`). Returns a normalized ISO string.
 */
export function parseTimeFlag(flag: string, value: string, now: Date): string {
  const relative = /^(\d{1,6})([mhdw])$/.exec(value.trim());
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  throw new UsageError(
    `--${flag} ${JSON.stringify(value)}: expected ISO-8601 (2026-11-20T10:00:00Z) or a relative time (30m, 12h, 7d, 2w)`,
  );
}
