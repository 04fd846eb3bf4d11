import type { Fact } from '../model/fact.ts';
import type { ReduceOptions } from './options.ts';

/**
 * The facts a policy must allow: successful calls; calls that failed after authorization (the code
 * handles that error, so the permission is needed) unless turned off; refused calls only with
 * --include-denied; implied companions only when companions are on. Unknown errors never.
 */
export function isSelected(f: Fact, options: ReduceOptions): boolean {
  if (f.inferred && !options.companions) return false;
  switch (f.outcome) {
    case 'allowed':
      return true;
    case 'failed':
      return options.authorizedFailures;
    case 'denied':
      return options.includeDenied;
    case 'unknown':
      return false;
  }
}
