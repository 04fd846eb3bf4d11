import type { PolicyDocument } from '../model/policy.ts';
import { parsePolicyDocument } from '../policy/parse.ts';

/** A policy document read from some shape, or why it could not be. */
export type DocumentResult =
  { ok: true; document: PolicyDocument; notes: string[] } | { ok: false; problems: string[] };

/**
 * IAM's query API returns documents URL-encoded (`%7B%22Version%22...`); the AWS CLI decodes them, boto3
 * recordings and raw API replies do not. Both are accepted, as JSON text or an object.
 */
export function decodeDocument(value: unknown, where: string): DocumentResult {
  let input = value;
  if (typeof value === 'string') {
    const text = /^\s*%7B/i.test(value) ? safeDecode(value) : value;
    if (text === undefined) return { ok: false, problems: [`${where}: not valid URL-encoded text`] };
    try {
      input = JSON.parse(text);
    } catch (error) {
      return { ok: false, problems: [`${where}: not JSON (${(error as Error).message})`] };
    }
  }
  const parsed = parsePolicyDocument(input);
  const issues = parsed.issues.map(
    (i) => `${where}${i.path === '/' || i.path === '' ? '' : i.path}: ${i.message}`,
  );
  return parsed.ok ? { ok: true, document: parsed.policy, notes: issues } : { ok: false, problems: issues };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The value at `key` when `value` is a plain object. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** `value` as an array of unknowns (empty when it is not an array). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
