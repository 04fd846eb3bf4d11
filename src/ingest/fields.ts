/** Guards for reading untrusted JSON values without trusting their types. */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(obj: JsonObject | undefined, key: string): string | undefined {
  const v = obj?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function obj(parent: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = parent?.[key];
  return isObject(v) ? v : undefined;
}

/** ISO-8601 time normalized to `YYYY-MM-DDTHH:mm:ss(.sss)Z`, or undefined. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  // CloudTrail's own shape needs no Date round trip: only the milliseconds are added.
  if (isCanonicalUtcSecond(value)) return `${value.slice(0, 19)}.000Z`;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:MM:SSZ` naming a real calendar second. Anything else (Feb 30, 24:00:00, other
 * shapes) takes Date's path, which rolls such values over.
 */
function isCanonicalUtcSecond(v: string): boolean {
  if (v.length !== 20 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T') return false;
  if (v[13] !== ':' || v[16] !== ':' || v[19] !== 'Z') return false;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || minute < 0 || second < 0) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The decimal number in `text[start, start + length)`, or -1 when any character is not a digit. */
function digits(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
