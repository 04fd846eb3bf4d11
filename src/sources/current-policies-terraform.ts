import { parse } from '@cdktf/hcl2json';
import { sameRole } from '../current/authorization-details.ts';
import { decodeDocument, field, list } from '../current/document.ts';
import type { CurrentPolicy, CurrentPolicyKind, ShapeResult } from '../current/types.ts';
import { evaluateInterpolation, markedRefs, markTemplate } from './current-policies-hcl.ts';
import { documentFromDataSource, resolveMarkers, wholeReference } from './current-policies-tf-document.ts';
import { roleAttachments, type RoleAttachments } from './current-policies-tf-attachments.ts';

/** One Terraform file's text. */
export interface TfFile {
  path: string;
  text: string;
}

type Blocks = Record<string, Record<string, unknown[]>>;

interface Context {
  role: string;
  files: { path: string; tree: Record<string, unknown> }[];
  notes: string[];
  problems: string[];
  usedDataSources: Set<string>;
  attachments: RoleAttachments;
}

/**
 * The role's policies in Terraform files, parsed with the real HCL parser (`@cdktf/hcl2json`):
 * `aws_iam_role_policy` and `aws_iam_role` `inline_policy` for this role (inline), each `aws_iam_policy`
 * attached to it in these files (managed; see `roleAttachments`), the one its `permissions_boundary`
 * names (the boundary: a cap on the grants, never a grant), and `aws_iam_policy_document` data sources
 * no resource uses (documents). An `aws_iam_policy` attached to no role here is not the role's. Policies may be
 * `jsonencode(...)`, heredoc JSON or a data source's `.json`; data sources a resource uses otherwise
 * (`assume_role_policy`) are not policies of the role. What cannot be resolved is noted.
 */
export async function currentFromTerraform(files: readonly TfFile[], role: string): Promise<ShapeResult> {
  const ctx: Context = {
    role,
    files: [],
    notes: [],
    problems: [],
    usedDataSources: new Set(),
    attachments: { attached: new Set(), boundary: new Set(), notes: [] },
  };
  for (const file of files) {
    try {
      ctx.files.push({ path: file.path, tree: await parse(file.path, file.text) });
    } catch (error) {
      ctx.problems.push(`${file.path}: not valid HCL (${(error as Error).message})`);
    }
  }
  for (const { tree } of ctx.files)
    for (const m of JSON.stringify(tree['resource'] ?? {}).matchAll(
      /data\.aws_iam_policy_document\.([\w-]+)\./g,
    ))
      ctx.usedDataSources.add(m[1]!);
  ctx.attachments = roleAttachments(
    ctx.files,
    (value, where) => appliesToRole(value, ctx, where),
    (block) => literalRoleMatches(field(block, 'name'), ctx.role),
  );
  ctx.notes.push(...ctx.attachments.notes);
  const found: CurrentPolicy[] = [];
  for (const file of ctx.files) for (const p of resourcePolicies(file, ctx)) await add(found, ctx, p);
  for (const file of ctx.files) unusedDataSources(file, ctx, found);
  if (ctx.problems.length > 0) return { ok: false, problems: ctx.problems };
  const policies = found.filter((p) => p.kind !== 'boundary');
  const boundary = found.filter((p) => p.kind === 'boundary');
  if (policies.length === 0)
    ctx.notes.push(`${files.map((f) => f.path).join(', ')}: no IAM policy for ${role} found`);
  return { ok: true, value: { policies, boundary, notes: [...new Set(ctx.notes)].sort() } };
}

interface Candidate {
  kind: CurrentPolicyKind;
  name: string;
  value: unknown;
  where: string;
}

/** The policy-bearing resources of one file that concern the role. */
function resourcePolicies({ path, tree }: Context['files'][number], ctx: Context): Candidate[] {
  const resources = (tree['resource'] ?? {}) as Blocks;
  const out: Candidate[] = [];
  for (const [name, block] of named(resources['aws_iam_role_policy'])) {
    const where = `${path}: aws_iam_role_policy.${name}`;
    if (appliesToRole(field(block, 'role'), ctx, where))
      out.push({
        kind: 'inline',
        name: String(field(block, 'name') ?? name),
        value: field(block, 'policy'),
        where,
      });
  }
  for (const [name, block] of named(resources['aws_iam_policy'])) {
    const where = `${path}: aws_iam_policy.${name}`;
    const { attached, boundary } = ctx.attachments;
    const kinds = [
      ...(attached.has(name) ? (['managed'] as const) : []),
      ...(boundary.has(name) ? (['boundary'] as const) : []),
    ];
    if (kinds.length === 0)
      ctx.notes.push(`${where}: not attached to ${ctx.role} in these files; not counted`);
    for (const kind of kinds)
      out.push({ kind, name: String(field(block, 'name') ?? name), value: field(block, 'policy'), where });
  }
  for (const [name, block] of named(resources['aws_iam_role'])) {
    if (!literalRoleMatches(field(block, 'name'), ctx.role)) continue;
    for (const inline of list(field(block, 'inline_policy'))) {
      const where = `${path}: aws_iam_role.${name}.inline_policy`;
      out.push({
        kind: 'inline',
        name: String(field(inline, 'name')),
        value: field(inline, 'policy'),
        where,
      });
    }
  }
  return out;
}

/** Data sources no resource uses stand for documents of their own. */
function unusedDataSources(
  { path, tree }: Context['files'][number],
  ctx: Context,
  policies: CurrentPolicy[],
) {
  for (const [name, block] of named(((tree['data'] ?? {}) as Blocks)['aws_iam_policy_document'])) {
    if (ctx.usedDataSources.has(name)) continue;
    const where = `${path}: data.aws_iam_policy_document.${name}`;
    const built = documentFromDataSource(deepMark(block), where);
    ctx.notes.push(...built.notes);
    push(policies, ctx, {
      kind: 'document',
      name: `data.aws_iam_policy_document.${name}`,
      value: built.policy,
      where,
    });
  }
}

function named(blocks: Record<string, unknown[]> | undefined): [string, unknown][] {
  return Object.entries(blocks ?? {}).map(([name, b]) => [name, list(b)[0]]);
}

async function add(policies: CurrentPolicy[], ctx: Context, candidate: Candidate): Promise<void> {
  const policy = await policyValue(candidate.value, ctx, candidate.where);
  if (policy !== undefined) push(policies, ctx, { ...candidate, value: policy });
}

function push(policies: CurrentPolicy[], ctx: Context, { kind, name, value, where }: Candidate): void {
  const resolved = resolveMarkers(value, where);
  ctx.notes.push(...resolved.notes);
  const result = decodeDocument(resolved.policy, where);
  if (!result.ok) return void ctx.problems.push(...result.problems);
  ctx.notes.push(...result.notes);
  policies.push({ name, kind, origin: where.slice(0, where.indexOf(': ')), document: result.document });
}

/** `jsonencode(...)`, a data source's `.json`, or JSON text (heredoc or quoted). */
async function policyValue(value: unknown, ctx: Context, where: string): Promise<unknown> {
  if (typeof value !== 'string')
    return void ctx.notes.push(`${where}: policy is not a string expression; skipped`);
  const marked = markTemplate(value);
  const ref = wholeReference(marked);
  const source = ref && /^data\.aws_iam_policy_document\.([\w-]+)\.(?:minified_)?json$/.exec(ref);
  if (source) return dataSource(source[1]!, ctx, where);
  if (ref?.startsWith('jsonencode('))
    return evaluateInterpolation(where.slice(0, where.indexOf(': ')), value);
  if (ref)
    return void ctx.notes.push(
      `${where}: policy is ${ref}, which cannot be resolved from these files; skipped`,
    );
  try {
    return JSON.parse(marked);
  } catch {
    const refs = markedRefs(marked);
    return void ctx.notes.push(
      `${where}: policy is not JSON${refs.length ? ` (it interpolates ${refs.join(', ')})` : ''}; skipped`,
    );
  }
}

function dataSource(name: string, ctx: Context, where: string): unknown {
  for (const { path, tree } of ctx.files) {
    const block = named(((tree['data'] ?? {}) as Blocks)['aws_iam_policy_document']).find(
      ([n]) => n === name,
    )?.[1];
    if (block === undefined) continue;
    const built = documentFromDataSource(deepMark(block), `${path}: data.aws_iam_policy_document.${name}`);
    ctx.notes.push(...built.notes);
    return built.policy;
  }
  return void ctx.notes.push(`${where}: data.aws_iam_policy_document.${name} is not in these files; skipped`);
}

/** Does an `aws_iam_role_policy`'s `role` name this role? Unresolvable references are assumed to. */
function appliesToRole(value: unknown, ctx: Context, where: string): boolean {
  const marked = typeof value === 'string' ? markTemplate(value) : '';
  const ref = wholeReference(marked);
  if (!ref)
    return (
      literalRoleMatches(marked, ctx.role) ||
      (ctx.notes.push(`${where}: for role ${marked}, not ${ctx.role}; skipped`), false)
    );
  const target = /^aws_iam_role\.([\w-]+)\.(?:id|name)$/.exec(ref)?.[1];
  const roleBlock = ctx.files
    .flatMap(({ tree }) => named(((tree['resource'] ?? {}) as Blocks)['aws_iam_role']))
    .find(([n]) => n === target)?.[1];
  const name = field(roleBlock, 'name');
  if (typeof name === 'string' && !name.includes('${')) return literalRoleMatches(name, ctx.role);
  ctx.notes.push(`${where}: role is ${ref}, which cannot be resolved; assumed to be ${ctx.role}`);
  return true;
}

function literalRoleMatches(value: unknown, role: string): boolean {
  return typeof value === 'string' && !value.includes('${') && sameRole(value, role);
}

function deepMark(value: unknown): unknown {
  if (typeof value === 'string') return markTemplate(value);
  if (Array.isArray(value)) return value.map(deepMark);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMark(v)]));
  return value;
}
