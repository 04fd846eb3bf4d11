import { parse } from '@cdktf/hcl2json';
import type { ConditionBlock, PolicyDocument, Statement } from '../../src/model/policy.ts';

type Json = Record<string, unknown>;

/** Terraform text -> the policy each `data "aws_iam_policy_document"` stands for, by a real HCL parser. */
export async function policiesFromTerraform(text: string): Promise<Record<string, PolicyDocument>> {
  const parsed = (await parse('main.tf', text)) as {
    data?: { aws_iam_policy_document?: Record<string, Json[]> };
  };
  const out: Record<string, PolicyDocument> = {};
  for (const [name, [body]] of Object.entries(parsed.data?.aws_iam_policy_document ?? {})) {
    out[name] = {
      Version: '2012-10-17',
      Statement: ((body?.['statement'] as Json[] | undefined) ?? []).map(statement),
    };
  }
  return out;
}

/** HCL template escapes back to the text IAM sees: `$${` -> `${`, `%%{` -> `%{`. */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function statement(s: Json): Statement {
  const list = (key: string) => (s[key] as string[] | undefined)?.map(unescapeTemplate);
  const out: Statement = { Effect: (s['effect'] as Statement['Effect'] | undefined) ?? 'Allow' };
  if (s['sid']) out.Sid = unescapeTemplate(s['sid'] as string);
  const fields = [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const;
  for (const [hcl, key] of fields) {
    const values = list(hcl);
    if (values) out[key] = values;
  }
  const conditions = (s['condition'] as Json[] | undefined) ?? [];
  if (conditions.length > 0) {
    const block: ConditionBlock = {};
    for (const c of conditions) {
      const test = unescapeTemplate(c['test'] as string);
      block[test] = {
        ...(block[test] ?? {}),
        [unescapeTemplate(c['variable'] as string)]: (c['values'] as string[]).map(unescapeTemplate),
      };
    }
    out.Condition = block;
  }
  for (const [hcl, key] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const blocks = s[hcl] as Json[] | undefined;
    if (!blocks) continue;
    const principal: Record<string, string[]> = {};
    for (const b of blocks)
      principal[b['type'] as string] = (b['identifiers'] as string[]).map(unescapeTemplate);
    out[key] = principal['*'] && Object.keys(principal).length === 1 ? '*' : principal;
  }
  return out;
}
