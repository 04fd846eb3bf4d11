/** Request context: condition keys and policy variables, as the evidence holds them. */

/**
 * Condition keys -> values. Keys are matched case-insensitively (IAM condition keys are). A key
 * that is absent from the record is unknown to the evidence; an empty array says the key is known
 * to be absent from the request.
 */
export type VariableValues = Readonly<Record<string, string | readonly string[]>>;

/** The values of `key` (case-insensitive), always as a list; undefined when the key is not recorded. */
export function lookupKey(context: VariableValues, key: string): readonly string[] | undefined {
  const exact = Object.hasOwn(context, key) ? context[key] : undefined;
  const found = exact ?? caseInsensitive(context, key.toLowerCase());
  if (found === undefined) return undefined;
  return typeof found === 'string' ? [found] : found;
}

function caseInsensitive(context: VariableValues, lower: string): string | readonly string[] | undefined {
  return Object.entries(context).find(([k]) => k.toLowerCase() === lower)?.[1];
}
