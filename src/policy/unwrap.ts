import { isObject } from '../ingest/fields.ts';

export type Unwrapped =
  { ok: true; document: unknown; name?: string; from: string } | { ok: false; message: string };

/**
 * Finds the policy document in what users paste: a document, a single statement, or AWS CLI output
 * that wraps one (`get-policy-version`, `get-role-policy`, `get-user-policy`), with the document as an
 * object, a JSON string, or URL-encoded JSON as the IAM query API returns it.
 */
export function unwrapPolicyInput(input: unknown): Unwrapped {
  if (!isObject(input)) return { ok: false, message: `expected a JSON object, found ${describe(input)}` };
  const version = input['PolicyVersion'];
  if (isObject(version) && 'Document' in version)
    return document(version['Document'], 'get-policy-version output');
  if ('PolicyDocument' in input) {
    const name = typeof input['PolicyName'] === 'string' ? input['PolicyName'] : undefined;
    const found = document(input['PolicyDocument'], 'get-role-policy output');
    return found.ok && name ? { ...found, name } : found;
  }
  if (isObject(input['Policy']) && !('Statement' in input)) {
    return {
      ok: false,
      message: 'this is `aws iam get-policy` output, which has no document: use `aws iam get-policy-version`',
    };
  }
  if ('Statement' in input) return { ok: true, document: input, from: 'policy document' };
  if ('Effect' in input)
    return { ok: true, document: { Version: '2012-10-17', Statement: [input] }, from: 'single statement' };
  return {
    ok: false,
    message: `expected a policy document ("Statement"), a statement ("Effect") or AWS CLI output ("PolicyVersion", "PolicyDocument"); found keys ${
      Object.keys(input)
        .slice(0, 8)
        .map((k) => JSON.stringify(k))
        .join(', ') || 'none'
    }`,
  };
}

function document(value: unknown, from: string): Unwrapped {
  if (isObject(value)) return { ok: true, document: value, from };
  if (typeof value !== 'string') return { ok: false, message: `${from}: the document is ${describe(value)}` };
  const text =
    value.trimStart().startsWith('%') || /%[0-9A-F]{2}/i.test(value.slice(0, 8)) ? safeDecode(value) : value;
  if (text === undefined) return { ok: false, message: `${from}: the document is not valid URL-encoding` };
  try {
    return {
      ok: true,
      document: JSON.parse(text) as unknown,
      from: `${from} (${text === value ? 'JSON string' : 'URL-encoded'})`,
    };
  } catch (error) {
    return { ok: false, message: `${from}: the document is not JSON (${(error as Error).message})` };
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}
