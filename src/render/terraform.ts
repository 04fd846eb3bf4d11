import type { PolicyDocument, Principal, Statement } from '../model/policy.ts';
import { renderHclItems, type HclItem, type HclOptions } from './hcl.ts';
import { terraformIdentifiers } from './identifiers.ts';

/** A policy document with the raw name it is rendered under (a role name from the logs: untrusted). */
export interface NamedPolicy {
  name: string;
  policy: PolicyDocument;
  /** The role it belongs to, for `aws_iam_role_policy` / attachments. */
  roleName?: string;
}

export type TerraformResource = 'none' | 'role-policy' | 'policy';

export interface TerraformOptions extends HclOptions {
  resource: TerraformResource;
}

/**
 * `data "aws_iam_policy_document"` blocks (the conventions of iam-policy-json-to-terraform), plus
 * optionally `aws_iam_role_policy` or `aws_iam_policy` + `aws_iam_role_policy_attachment` per document.
 */
export function renderTerraform(docs: readonly NamedPolicy[], options: TerraformOptions): string {
  const ids = terraformIdentifiers(docs.map((d) => d.name));
  const items: HclItem[] = docs.flatMap((doc, i) => [
    {
      kind: 'block' as const,
      type: 'data',
      labels: ['aws_iam_policy_document', ids[i]!],
      body: doc.policy.Statement.map(statementBlock),
    },
    ...resourceBlocks(ids[i]!, doc, options.resource),
  ]);
  return renderHclItems(items, options);
}

function statementBlock(s: Statement): HclItem {
  const body: HclItem[] = [];
  const attr = (name: string, values: string[] | undefined) => {
    if (values) body.push({ kind: 'attribute', name, value: { kind: 'list', values } });
  };
  if (s.Sid) body.push({ kind: 'attribute', name: 'sid', value: { kind: 'string', value: s.Sid } });
  body.push({ kind: 'attribute', name: 'effect', value: { kind: 'string', value: s.Effect } });
  attr('resources', s.Resource);
  attr('not_resources', s.NotResource);
  attr('actions', s.Action);
  attr('not_actions', s.NotAction);
  const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, keys]) =>
    Object.entries(keys).map(([variable, values]) => ({ test, variable, values })),
  );
  conditions.sort((a, b) => cmp(a.test, b.test) || cmp(a.variable, b.variable));
  for (const c of conditions) {
    body.push({
      kind: 'block',
      type: 'condition',
      labels: [],
      body: [
        { kind: 'attribute', name: 'test', value: { kind: 'string', value: c.test } },
        { kind: 'attribute', name: 'variable', value: { kind: 'string', value: c.variable } },
        { kind: 'attribute', name: 'values', value: { kind: 'list', values: c.values } },
      ],
    });
  }
  if (s.Principal) body.push(...principalBlocks('principals', s.Principal));
  if (s.NotPrincipal) body.push(...principalBlocks('not_principals', s.NotPrincipal));
  return { kind: 'block', type: 'statement', labels: [], body };
}

/** `"*"` is type `*` with identifier `*` (how the AWS provider spells an anonymous principal). */
function principalBlocks(type: string, principal: Principal): HclItem[] {
  const entries = principal === '*' ? [['*', ['*']] as const] : Object.entries(principal);
  return entries.map(([kind, identifiers]) => ({
    kind: 'block' as const,
    type,
    labels: [],
    body: [
      { kind: 'attribute' as const, name: 'type', value: { kind: 'string' as const, value: kind } },
      {
        kind: 'attribute' as const,
        name: 'identifiers',
        value: { kind: 'list' as const, values: [...identifiers] },
      },
    ],
  }));
}

function resourceBlocks(id: string, doc: NamedPolicy, resource: TerraformResource): HclItem[] {
  if (resource === 'none') return [];
  const role = doc.roleName ?? doc.name;
  const str = (value: string) => ({ kind: 'string' as const, value });
  const ref = (text: string) => ({ kind: 'expression' as const, text });
  if (resource === 'role-policy') {
    return [
      {
        kind: 'block',
        type: 'resource',
        labels: ['aws_iam_role_policy', id],
        body: [
          { kind: 'attribute', name: 'name', value: str(`${id}-least-privilege`) },
          { kind: 'attribute', name: 'role', value: str(role) },
          { kind: 'attribute', name: 'policy', value: ref(`data.aws_iam_policy_document.${id}.json`) },
        ],
      },
    ];
  }
  return [
    {
      kind: 'block',
      type: 'resource',
      labels: ['aws_iam_policy', id],
      body: [
        { kind: 'attribute', name: 'name', value: str(`${id}-least-privilege`) },
        { kind: 'attribute', name: 'policy', value: ref(`data.aws_iam_policy_document.${id}.json`) },
      ],
    },
    {
      kind: 'block',
      type: 'resource',
      labels: ['aws_iam_role_policy_attachment', id],
      body: [
        { kind: 'attribute', name: 'role', value: str(role) },
        { kind: 'attribute', name: 'policy_arn', value: ref(`aws_iam_policy.${id}.arn`) },
      ],
    },
  ];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
