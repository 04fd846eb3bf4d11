import { field, list } from '../diff/current-document.ts';
import { CLOSE, markedRefs, OPEN, replaceMarked } from './current-policies-hcl.ts';

/** A policy in the AWS JSON shape built from Terraform, with what could not be resolved. */
export interface TfPolicy {
  policy: unknown;
  notes: string[];
}

const BLOCK_KEYS: Record<string, string> = {
  sid: 'Sid',
  effect: 'Effect',
  actions: 'Action',
  not_actions: 'NotAction',
  resources: 'Resource',
  not_resources: 'NotResource',
};

/** `data "aws_iam_policy_document"` (as hcl2json returns it) -> a policy in the AWS JSON shape. */
export function documentFromDataSource(block: unknown, where: string): TfPolicy {
  const notes: string[] = [];
  for (const key of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'])
    if (field(block, key) !== undefined)
      notes.push(`${where}: ${key} is not merged; only its own statements are read`);
  if (field(block, 'dynamic') !== undefined) notes.push(`${where}: dynamic blocks are not expanded`);
  const Statement = list(field(block, 'statement')).map((s) => {
    const out: Record<string, unknown> = { Effect: 'Allow' };
    for (const [tf, aws] of Object.entries(BLOCK_KEYS))
      if (field(s, tf) !== undefined) out[aws] = field(s, tf);
    const condition = conditionOf(list(field(s, 'condition')));
    if (condition) out['Condition'] = condition;
    return out;
  });
  const version = field(block, 'version');
  return { policy: { Version: typeof version === 'string' ? version : '2012-10-17', Statement }, notes };
}

function conditionOf(blocks: unknown[]): Record<string, Record<string, unknown>> | undefined {
  if (blocks.length === 0) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const b of blocks) {
    const test = String(field(b, 'test'));
    const variable = String(field(b, 'variable'));
    out[test] = { ...out[test], [variable]: field(b, 'values') };
  }
  return out;
}

/**
 * Resolves what can be resolved in a policy's statements: a Terraform reference inside a Resource is
 * read as `*` (a wider grant, never a narrower one); a statement with a reference anywhere else
 * (actions, effect, conditions) is left out. Both are noted.
 */
export function resolveMarkers(policy: unknown, where: string): TfPolicy {
  const notes: string[] = [];
  const statements = list(field(policy, 'Statement') ?? []);
  const single = field(policy, 'Statement');
  const input =
    statements.length === 0 && single !== undefined && !Array.isArray(single) ? [single] : statements;
  const kept = input.flatMap((s, i) => {
    const resolved: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(s as Record<string, unknown>)) {
      if (key === 'Resource' || key === 'NotResource')
        resolved[key] = widen(value, `${where}/Statement/${i}/${key}`, notes);
      else resolved[key] = value;
    }
    const refs = markedRefs(JSON.stringify(resolved));
    if (refs.length === 0) return [resolved];
    notes.push(`${where}/Statement/${i}: not counted: it depends on ${refs.join(', ')}`);
    return [];
  });
  return { policy: { ...(policy as Record<string, unknown>), Statement: kept }, notes };
}

function widen(value: unknown, where: string, notes: string[]): unknown {
  const one = (v: unknown) => {
    if (typeof v !== 'string' || !v.includes(OPEN)) return v;
    notes.push(`${where}: ${markedRefs(v).join(', ')} read as "*"`);
    return replaceMarked(v, '*');
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** A whole-value marked reference, e.g. `data.aws_iam_policy_document.x.json`, or undefined. */
export function wholeReference(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(OPEN) || !value.endsWith(CLOSE)) return undefined;
  const refs = markedRefs(value);
  return refs.length === 1 && value === `${OPEN}${refs[0]}${CLOSE}` ? refs[0] : undefined;
}
