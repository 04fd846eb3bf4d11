/**
 * Finds the policy document in what users paste into `convert`: a document, a single statement, or
 * AWS CLI output that wraps one. Pure; says what it expected and what it found when it cannot.
 */

/** The document (still unvalidated), the policy and role names of the wrapper if it has them, and its shape. */
export type UnwrappedPolicy =
  | { ok: true; document: unknown; name?: string; roleName?: string; from: string }
  | { ok: false; message: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Accepts: a policy document (`Statement`); a single statement (`Effect`), wrapped in a document;
 * `aws iam get-policy-version` output (`PolicyVersion.Document`); `get-role-policy` /
 * `get-user-policy` / `get-group-policy` output (`PolicyDocument`, name from `PolicyName`, role from `RoleName`). A wrapped
 * document may be an object, a JSON string, or URL-encoded JSON as the IAM query API returns it.
 */
export function unwrapPolicyInput(input: unknown): UnwrappedPolicy {
  if (!isObject(input)) return { ok: false, message: `expected a JSON object, found ${describe(input)}` };
  const version = input['PolicyVersion'];
  if (isObject(version) && 'Document' in version)
    return document(version['Document'], 'get-policy-version output');
  if ('PolicyDocument' in input) {
    const found = document(input['PolicyDocument'], 'get-role-policy output');
    if (!found.ok) return found;
    const [name, roleName] = [input['PolicyName'], input['RoleName']];
    return {
      ...found,
      ...(typeof name === 'string' && name !== '' ? { name } : {}),
      ...(typeof roleName === 'string' && roleName !== '' ? { roleName } : {}),
    };
  }
  if (isObject(input['Policy']) && !('Statement' in input)) {
    return {
      ok: false,
      message: 'found `aws iam get-policy` output, which has no document: use `aws iam get-policy-version`',
    };
  }
  if ('Statement' in input) return { ok: true, document: input, from: 'policy document' };
  if ('Effect' in input)
    return { ok: true, document: { Version: '2012-10-17', Statement: [input] }, from: 'single statement' };
  const keys = Object.keys(input)
    .slice(0, 8)
    .map((k) => JSON.stringify(k));
  return {
    ok: false,
    message: `expected a policy document ("Statement"), a statement ("Effect") or AWS CLI output ("PolicyVersion", "PolicyDocument"); found ${keys.length > 0 ? `keys ${keys.join(', ')}` : 'an empty object'}`,
  };
}

/** A wrapped document: an object, a JSON string, or URL-encoded JSON (`%7B%22Version%22...`). */
function document(value: unknown, from: string): UnwrappedPolicy {
  if (isObject(value)) return { ok: true, document: value, from };
  if (typeof value !== 'string')
    return {
      ok: false,
      message: `${from}: expected the document as an object or string, found ${describe(value)}`,
    };
  const encoded = !value.trimStart().startsWith('{') && /^\s*%[0-9A-F]{2}/i.test(value);
  const text = encoded ? safeDecode(value) : value;
  if (text === undefined) return { ok: false, message: `${from}: the document is not valid URL-encoding` };
  try {
    const parsed = JSON.parse(text) as unknown;
    return { ok: true, document: parsed, from: `${from} (${encoded ? 'URL-encoded' : 'JSON string'})` };
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
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
