import { Ajv } from 'ajv';
import type { PolicyDocument } from '../model/policy.ts';
import { normalizePolicy } from './normalize.ts';
import { grammarIssues, lintIssues, schemaIssues, type PolicyIssue } from './parse-issues.ts';
import { POLICY_SCHEMA } from './schema.ts';

export type { PolicyIssue } from './parse-issues.ts';

/** Parse outcome: the normalized policy with warnings, or the errors that make it unusable. */
export type PolicyParseResult =
  { ok: true; policy: PolicyDocument; issues: PolicyIssue[] } | { ok: false; issues: PolicyIssue[] };

const validate = new Ajv({ allErrors: true, strict: false }).compile<Record<string, unknown>>(POLICY_SCHEMA);

/**
 * Validates an IAM policy in the AWS shape and normalizes it (see {@link normalizePolicy}): a single
 * Statement object is accepted. Errors (schema, exactly one of Action/NotAction, ...) give
 * `ok: false`; warnings (no Resource, unknown condition operator, missing Version, ...) ride along
 * with `ok: true`. Issues are addressed by JSON pointer into the input. Never throws.
 */
export function parsePolicyDocument(input: unknown): PolicyParseResult {
  const single = isObject(input) && isObject(input['Statement']);
  const wrapped = single ? { ...input, Statement: [input['Statement']] } : input;
  const at = (path: string): string =>
    single ? path.replace(/^\/Statement\/0(?=\/|$)/, '/Statement') : path;
  if (!validate(wrapped)) return { ok: false, issues: relocate(schemaIssues(validate.errors ?? []), at) };
  const doc: Record<string, unknown> = wrapped;
  const statements = doc['Statement'] as Record<string, unknown>[];
  const errors = grammarIssues(statements);
  if (errors.length > 0) return { ok: false, issues: relocate(errors, at) };
  return {
    ok: true,
    policy: normalizePolicy(doc, statements),
    issues: relocate(lintIssues(doc, statements), at),
  };
}

/** Parses policy JSON text (a leading BOM is ignored); a syntax error is an issue, not an exception. */
export function parsePolicyJson(text: string): PolicyParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  return parsePolicyDocument(value);
}

function relocate(issues: PolicyIssue[], at: (path: string) => string): PolicyIssue[] {
  return issues.map((i) => ({ path: at(i.path), message: i.message }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
