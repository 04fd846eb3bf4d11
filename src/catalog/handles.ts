import data from './data/handles.json' with { type: 'json' };
import { own } from './own.ts';
import { compilePath, valuesAt, type ParamPath } from './param-path.ts';

const PRODUCERS = new Map(
  Object.entries(data.producers).map(([action, p]) => [
    action,
    { kind: p.kind, paths: p.paths.map(compilePath) },
  ]),
);
const CONSUMERS = new Map(
  Object.entries(data.consumers).map(([action, c]) => [action, { kind: c.kind, path: compilePath(c.path) }]),
);
const WHY = data.why as Record<string, string>;
// Handles are opaque service tokens: printable ASCII, bounded (SQS receipt handles run to 1,024).
const HANDLE = /^[\x21-\x7e]{1,2048}$/;

/** The handle (`kind:id`) a call names instead of its resource, or undefined. */
export function consumedHandle(
  action: string,
  params: Readonly<Record<string, unknown>>,
): string | undefined {
  const rule = CONSUMERS.get(action);
  if (!rule) return undefined;
  const ids = handleValues(params, [rule.path]);
  return ids.length === 1 ? `${rule.kind}:${ids[0]!}` : undefined;
}

/** The handles (`kind:id`, sorted) a call's record shows it returned. */
export function producedHandles(action: string, record: Readonly<Record<string, unknown>>): string[] {
  const rule = PRODUCERS.get(action);
  if (!rule) return [];
  return handleValues(record, rule.paths).map((id) => `${rule.kind}:${id}`);
}

/** Why a call naming this handle kept "*" (no call of the same role returned the handle). */
export function uncorrelatedReason(handle: string): string {
  const kind = handle.slice(0, handle.indexOf(':'));
  return own(WHY, kind) ?? 'no call of the same role returned this handle';
}

function handleValues(from: Readonly<Record<string, unknown>>, paths: readonly ParamPath[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const found = valuesAt(from, path);
    if (found.kind === 'values') for (const v of found.values) if (HANDLE.test(v)) out.add(v);
  }
  return [...out].sort();
}
