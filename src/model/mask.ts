import type { Arn } from './identifiers.ts';

/** An ARN with its volatile identifiers masked, and the kinds of identifier found. */
export interface MaskedArn {
  arn: Arn;
  found: string[];
  /**
   * The concrete ARN, when the mask stands only if the evidence shows the value varying (safe mode):
   * the store keeps up to two distinct ones, and reduce's `demaskFacts` restores a value seen alone.
   */
  variant?: Arn;
}

/** Masks one resource of one action (reduce/generalize.ts `volatileMasker`); undefined: nothing volatile. */
export type ResourceMasker = (action: string, arn: string) => MaskedArn | undefined;
