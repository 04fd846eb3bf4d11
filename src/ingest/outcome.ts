import type { Outcome } from '../model/observation.ts';

// Error codes that mean the caller lacked permission (CloudTrail errorCode values seen in the corpora:
// AccessDenied, AccessDeniedException, Client.UnauthorizedOperation, UnauthorizedOperation, ...).
const DENIED = /(?:AccessDenied|Unauthorized|NotAuthorized|Forbidden)/i;

/** allowed when there is no error code, denied for permission errors, failed for any other error. */
export function outcomeOf(errorCode: unknown): Outcome {
  if (errorCode === undefined || errorCode === null || errorCode === '') return 'allowed';
  return typeof errorCode === 'string' && DENIED.test(errorCode) ? 'denied' : 'failed';
}
