import data from './data/resource-parameters.json' with { type: 'json' };

export interface ParameterSource {
  /** A path into the request parameters (see param-path.ts). */
  param: string;
  transform?: string;
  /** A shared fallback (everyVariable): a value there that is unusable is ignored, not rejected. */
  lenient?: true;
}

const ANY = data.any as Record<string, string[]>;
const PER_ACTION = data.perAction as Record<string, Record<string, string[]>>;
const EVERY_VARIABLE = data.everyVariable.sources;
const WILDCARD_WHEN_UNRESOLVED = new Set(data.wildcardWhenUnresolved.actions);

/** True for actions whose ordinary calls name no resource (their resource types are all optional). */
export function wildcardWhenUnresolved(action: string): boolean {
  return WILDCARD_WHEN_UNRESOLVED.has(action);
}

/**
 * Request parameters that may hold an ARN variable's value, in the order to try them: a rename from
 * the event rule alone, else the action's or the variable's own entries, then the shared fallbacks.
 */
export function parameterSources(
  action: string,
  variable: string,
  renames?: Readonly<Record<string, string | readonly string[]>>,
): ParameterSource[] {
  const renamed = renames?.[variable];
  if (renamed) return (typeof renamed === 'string' ? [renamed] : renamed).map((s) => source(s));
  const lower = variable.charAt(0).toLowerCase() + variable.slice(1);
  const own = PER_ACTION[action]?.[variable] ?? ANY[variable] ?? [lower];
  const shared = EVERY_VARIABLE.map((s) =>
    s.replaceAll('${Variable}', variable).replaceAll('${variable}', lower),
  );
  return [...own.map((s) => source(s)), ...shared.map((s) => source(s, true))];
}

// "path[=default][:transform]" (path syntax in param-path.ts); names and defaults hold no ':'.
function source(spec: string, lenient?: true): ParameterSource {
  const colon = spec.lastIndexOf(':');
  const param = colon < 0 ? spec : spec.slice(0, colon);
  const transform = colon < 0 ? undefined : spec.slice(colon + 1);
  return { param, ...(transform ? { transform } : {}), ...(lenient ? { lenient } : {}) };
}
