import { isObject, str, type JsonObject } from './fields.ts';

/** An attribute value as OTLP JSON carries it, reduced to what tightrole reads. */
export type AttributeValue = string | number | boolean | string[];

const MAX_ARRAY = 100;

/**
 * OTLP JSON attributes (`[{ key, value: { stringValue | intValue | boolValue | doubleValue |
 * arrayValue: { values } } }]`) -> a plain map. Unknown value kinds and malformed entries are dropped.
 */
export function otlpAttributes(list: unknown): Map<string, AttributeValue> {
  const out = new Map<string, AttributeValue>();
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const key = str(entry, 'key');
    const value = isObject(entry['value'])
      ? (scalarOf(entry['value']) ?? arrayOf(entry['value']))
      : undefined;
    if (key !== undefined && value !== undefined) out.set(key, value);
  }
  return out;
}

function scalarOf(value: JsonObject): string | number | boolean | undefined {
  if (typeof value['stringValue'] === 'string') return value['stringValue'];
  if (typeof value['boolValue'] === 'boolean') return value['boolValue'];
  if (typeof value['doubleValue'] === 'number') return value['doubleValue'];
  // intValue is an int64: a JSON string in OTLP/JSON, a number from some writers.
  const int = value['intValue'];
  if (typeof int === 'number') return int;
  if (typeof int === 'string' && /^-?\d{1,16}$/.test(int)) return Number(int);
  return undefined;
}

function arrayOf(value: JsonObject): string[] | undefined {
  const array = value['arrayValue'];
  const values = isObject(array) ? array['values'] : undefined;
  if (!Array.isArray(values)) return undefined;
  return values
    .slice(0, MAX_ARRAY)
    .flatMap((v: unknown) => (isObject(v) && typeof v['stringValue'] === 'string' ? [v['stringValue']] : []));
}

/** A string attribute, or undefined. */
export function attrString(attrs: ReadonlyMap<string, AttributeValue>, key: string): string | undefined {
  const v = attrs.get(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A numeric attribute, or undefined. */
export function attrNumber(attrs: ReadonlyMap<string, AttributeValue>, key: string): number | undefined {
  const v = attrs.get(key);
  return typeof v === 'number' ? v : undefined;
}

/** A string-list attribute (a single string counts as a list of one), or []. */
export function attrStrings(attrs: ReadonlyMap<string, AttributeValue>, key: string): string[] {
  const v = attrs.get(key);
  if (Array.isArray(v)) return v;
  return typeof v === 'string' && v !== '' ? [v] : [];
}
