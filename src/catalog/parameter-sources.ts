import data from './data/resource-parameters.json' with { type: 'json' };

export interface ParameterSource {
  /** A path into the request parameters (see param-path.ts). */
  param: string;
  transform?: string;
}

const ANY = data.any as Record<string, string[]>;
const PER_ACTION = data.perAction as Record<string, Record<string, string[]>>;
const WILDCARD_WHEN_UNRESOLVED = new Set(data.wildcardWhenUnresolved.actions);

/** True for actions whose ordinary calls name no resource (their resource types are all optional). */
export function wildcardWhenUnresolved(action: string): boolean {
  return WILDCARD_WHEN_UNRESOLVED.has(action);
}

/** Request parameters that may hold an ARN variable's value, in the order to try them. */
export function parameterSources(
  action: string,
  variable: string,
  renames?: Readonly<Record<string, string | readonly string[]>>,
): ParameterSource[] {
  const renamed = renames?.[variable];
  const specs = renamed
    ? typeof renamed === 'string'
      ? [renamed]
      : renamed
    : (PER_ACTION[action]?.[variable] ??
      ANY[variable] ?? [variable.charAt(0).toLowerCase() + variable.slice(1)]);
  return specs.map((spec) => {
    // "path[=default][:transform]" (path syntax in param-path.ts); names hold no ':'.
    const [param = '', transform] = spec.split(':');
    return transform ? { param, transform } : { param };
  });
}
