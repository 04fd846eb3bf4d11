/**
 * A small path syntax into request parameters, so nested shapes stay data (resource-parameters.json,
 * pass-role.json), not code:
 *
 * - `a.b.c` walks objects; each key matches exactly, else case-insensitively (first such key);
 * - `*Request` matches every key ending in `Request` (case-insensitive): EC2's older records wrap the
 *   parameters in `{"StopInstancesRequest": {...}}`;
 * - `name[]` takes every element of an array (one value that is not an array counts as one element,
 *   as EC2's older XML-derived records give `{"InstanceId": {...}}` for one id and `[...]` for several);
 * - `path=text` gives `text` for an element where the leaf is absent (PutEvents' default bus).
 *
 * Values are untrusted: a leaf that is present but not a non-empty string (`""`, `42`, `null`, `[]`,
 * `{}`) is reported as `bad`, so a caller can reject the record instead of widening to `"*"`.
 */
export interface ParamPath {
  text: string;
  steps: readonly { key: string; each: boolean }[];
  fallback?: string;
}

export type PathValues =
  { kind: 'absent' } | { kind: 'values'; values: string[] } | { kind: 'bad'; reason: string };

const ABSENT: PathValues = { kind: 'absent' };

/** Longest list one path may yield (AWS list parameters hold at most 1,000 entries). */
export const MAX_PATH_VALUES = 1000;

const compiled = new Map<string, ParamPath>();

export function compilePath(text: string): ParamPath {
  const hit = compiled.get(text);
  if (hit) return hit;
  const eq = text.indexOf('=');
  const body = eq < 0 ? text : text.slice(0, eq);
  const steps = body.split('.').map((part) => {
    const each = part.endsWith('[]');
    return { key: each ? part.slice(0, -2) : part, each };
  });
  const path: ParamPath = eq < 0 ? { text, steps } : { text, steps, fallback: text.slice(eq + 1) };
  compiled.set(text, path);
  return path;
}

/** The strings a path names in the parameters (in document order, duplicates kept). */
export function valuesAt(params: unknown, path: ParamPath): PathValues {
  const out: string[] = [];
  const bad = walk(params, path, 0, out);
  if (bad) return { kind: 'bad', reason: `${path.text} ${bad}` };
  if (out.length > MAX_PATH_VALUES) return { kind: 'bad', reason: `${path.text} lists ${out.length} values` };
  return out.length > 0 ? { kind: 'values', values: out } : ABSENT;
}

/** Appends the values under `value` for steps[i..]; returns what is wrong with a leaf, if anything is. */
function walk(value: unknown, path: ParamPath, i: number, out: string[]): string | undefined {
  if (i === path.steps.length) return leaf(value, path, out);
  const step = path.steps[i]!;
  if (!isRecord(value)) return undefined;
  if (step.key.startsWith('*')) {
    for (const next of globbed(value, step.key.slice(1).toLowerCase())) {
      const bad = walkStep(next, step.each, path, i, out);
      if (bad) return bad;
    }
    return undefined;
  }
  return walkStep(lookup(value, step.key), step.each, path, i, out);
}

function walkStep(
  next: unknown,
  each: boolean,
  path: ParamPath,
  i: number,
  out: string[],
): string | undefined {
  if (!each) return walk(next, path, i + 1, out);
  if (next === undefined) return undefined;
  const items = Array.isArray(next) ? next : [next];
  for (const item of items) {
    const bad = walk(item, path, i + 1, out);
    if (bad) return bad;
    if (out.length > MAX_PATH_VALUES) return undefined;
  }
  return undefined;
}

/** Values of the own keys ending in `suffix` (lower case), in key order. */
function globbed(params: Readonly<Record<string, unknown>>, suffix: string): unknown[] {
  const out: unknown[] = [];
  for (const key in params) {
    if (Object.hasOwn(params, key) && key.toLowerCase().endsWith(suffix)) out.push(params[key]);
  }
  return out;
}

function leaf(value: unknown, path: ParamPath, out: string[]): string | undefined {
  if (value === undefined) {
    if (path.fallback !== undefined) out.push(path.fallback);
    return undefined;
  }
  if (typeof value === 'string' && value !== '') {
    out.push(value);
    return undefined;
  }
  return `is ${describe(value)}, not a name`;
}

function describe(value: unknown): string {
  if (value === '') return 'empty';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A key by exact name, else by case-insensitive name (first such own key). */
function lookup(params: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(params, name)) return params[name];
  const lower = name.toLowerCase();
  for (const key in params) {
    if (Object.hasOwn(params, key) && key.toLowerCase() === lower) return params[key];
  }
  return undefined;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
