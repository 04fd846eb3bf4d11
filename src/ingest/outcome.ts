import { classifyErrorCode } from '../catalog/error-codes.ts';
import type { Outcome } from '../model/observation.ts';

/** The longest error code kept (for the report's list of unknown ones); longer ones are cut. */
const MAX_ERROR_CODE = 128;

/**
 * allowed when there is no error code; denied when authorization refused the call; failed when it
 * failed after authorization (the permission is needed); unknown for any other error
 * (data/error-codes.json).
 */
export function outcomeOf(errorCode: unknown): Outcome {
  if (errorCode === undefined || errorCode === null || errorCode === '') return 'allowed';
  if (typeof errorCode !== 'string') return 'unknown';
  const kind = classifyErrorCode(errorCode);
  return kind === 'refused' ? 'denied' : kind === 'failed-after-authorization' ? 'failed' : 'unknown';
}

/** The error code as the report lists it: a string, cut to a sane length; undefined when none. */
export function reportedErrorCode(errorCode: unknown): string | undefined {
  if (errorCode === undefined || errorCode === null || errorCode === '') return undefined;
  const text = typeof errorCode === 'string' ? errorCode : `(${typeof errorCode})`;
  return text.length > MAX_ERROR_CODE ? `${text.slice(0, MAX_ERROR_CODE)}...` : text;
}
