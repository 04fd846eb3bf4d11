import data from './data/error-codes.json' with { type: 'json' };

/** What an error code proves: refused by authorization, failed after it, or nothing. */
export type ErrorClass = 'refused' | 'failed-after-authorization' | 'unknown';

interface CodeList {
  exact: readonly string[];
  prefix?: readonly string[];
  contains?: readonly string[];
}

const REFUSED: CodeList = data.refused;
const AUTHORIZED: CodeList = data.failedAfterAuthorization;
// Refusals are matched without case (the regex this table replaced did, and casing varies by SDK).
const REFUSED_LOWER = new Set(REFUSED.exact.map((c) => c.toLowerCase()));
const REFUSED_CONTAINS = (REFUSED.contains ?? []).map((c) => c.toLowerCase());
const AUTHORIZED_EXACT = new Set(AUTHORIZED.exact);

/**
 * Classifies a CloudTrail errorCode, X-Ray exception type or OTel exception.type by
 * `data/error-codes.json`. A refusal wins over everything; a code the table does not name is unknown.
 */
export function classifyErrorCode(code: string): ErrorClass {
  const lower = code.toLowerCase();
  if (REFUSED_LOWER.has(lower) || REFUSED_CONTAINS.some((c) => lower.includes(c))) return 'refused';
  if (isAuthorizedFailure(code)) return 'failed-after-authorization';
  const dot = code.lastIndexOf('.');
  return dot > 0 && dot < code.length - 1 && isAuthorizedFailure(code.slice(dot + 1))
    ? 'failed-after-authorization'
    : 'unknown';
}

function isAuthorizedFailure(code: string): boolean {
  return (
    AUTHORIZED_EXACT.has(code) ||
    (AUTHORIZED.prefix ?? []).some((p) => code.startsWith(p)) ||
    (AUTHORIZED.contains ?? []).some((c) => code.includes(c))
  );
}
