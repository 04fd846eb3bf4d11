import { parse } from '@cdktf/hcl2json';
import type { ConditionBlock, PolicyDocument, Principal, Statement } from '../../src/model/policy.ts';

type Json = Record<string, unknown>;

/**
 * Terraform text -> the policy each `data "aws_iam_policy_document"` stands for, read by a real HCL
 * parser (`@cdktf/hcl2json`) and rebuilt in the model's shape (version, policy_id, statements).
 */
export async function policiesFromHcl(text: string): Promise<Record<string, PolicyDocument>> {
  const parsed = (await parse('main.tf', text)) as {
    data?: { aws_iam_policy_document?: Record<string, Json[]> };
  };
  const out: Record<string, PolicyDocument> = {};
  for (const [name, [body = {}]] of Object.entries(parsed.data?.aws_iam_policy_document ?? {})) {
    const doc: PolicyDocument = {
      Version: (body['version'] as PolicyDocument['Version'] | undefined) ?? '2012-10-17',
      Statement: ((body['statement'] as Json[] | undefined) ?? []).map(statement),
    };
    if (typeof body['policy_id'] === 'string') doc.Id = unescapeTemplate(body['policy_id']);
    out[name] = doc;
  }
  return out;
}

/** HCL template escapes back to the text IAM sees: `$${` -> `${`, `%%{` -> `%{`. */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

const LISTS = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
] as const;

function statement(s: Json): Statement {
  // The provider's default effect is Allow; ours always writes it.
  const out: Statement = { Effect: (s['effect'] as Statement['Effect'] | undefined) ?? 'Allow' };
  if (typeof s['sid'] === 'string') out.Sid = unescapeTemplate(s['sid']);
  for (const [hcl, key] of LISTS) {
    const values = s[hcl] as string[] | undefined;
    if (values) out[key] = values.map(unescapeTemplate);
  }
  const conditions = (s['condition'] as Json[] | undefined) ?? [];
  if (conditions.length > 0) out.Condition = conditionBlock(conditions);
  const principal = principals(s['principals'] as Json[] | undefined);
  if (principal) out.Principal = principal;
  const notPrincipal = principals(s['not_principals'] as Json[] | undefined);
  if (notPrincipal) out.NotPrincipal = notPrincipal;
  return out;
}

function conditionBlock(conditions: Json[]): ConditionBlock {
  const block: ConditionBlock = {};
  for (const c of conditions) {
    const test = unescapeTemplate(c['test'] as string);
    // Own keys only: a test named like an Object.prototype member ("toString") is still a new key.
    const keys = Object.hasOwn(block, test) ? block[test]! : (block[test] = {});
    keys[unescapeTemplate(c['variable'] as string)] = (c['values'] as string[]).map(unescapeTemplate);
  }
  return block;
}

/** Type `*` alone with identifier `*` is the JSON principal `"*"`, as the AWS provider renders it. */
function principals(blocks: Json[] | undefined): Principal | undefined {
  if (!blocks) return undefined;
  const out: Record<string, string[]> = {};
  for (const b of blocks)
    out[unescapeTemplate(b['type'] as string)] = (b['identifiers'] as string[]).map(unescapeTemplate);
  const only = out['*'];
  return Object.keys(out).length === 1 && only?.length === 1 && only[0] === '*' ? '*' : out;
}
