import type { ReduceOptions } from './options.ts';

/** One replacement of concrete ARNs by a pattern, for --explain. */
export interface Generalization {
  action: string;
  pattern: string;
  replaced: number;
  why: string;
}

/** v1: keeps every ARN literal. (Volatile-segment detection arrives with the reduce issue.) */
export function generalizeResources(
  _action: string,
  resources: string[],
  _options: ReduceOptions,
): { resources: string[]; generalizations: Generalization[] } {
  return { resources, generalizations: [] };
}
