import { field, list } from '../current/document.ts';
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
 * Resolves what can be resolved in a policy's statements. A Terraform reference tightrole cannot
 * evaluate is given the reading that grants the most, so the current policy is never counted
 * narrower than it may be: in an Allow's Resource it is `*`; in an Allow's NotResource it excludes
 * nothing; in a Deny's Resource it denies nothing (the statement goes when nothing is left); a Deny
 * whose NotResource holds one may except everything, so it denies nothing. A statement with a
 * reference anywhere else (actions, effect, conditions) is left out. Each is noted.
 */
export function resolveMarkers(policy: unknown, where: string): TfPolicy {
  const notes: string[] = [];
  const statements = list(field(policy, 'Statement') ?? []);
  const single = field(policy, 'Statement');
  const input =
    statements.length === 0 && single !== undefined && !Array.isArray(single) ? [single] : statements;
  const kept = input.flatMap((s, i) => {
    const path = `${where}/Statement/${i}`;
    const resolved = widestResources(s as Record<string, unknown>, path, notes);
    if (resolved === undefined) return [];
    const refs = markedRefs(JSON.stringify(resolved));
    if (refs.length === 0) return [resolved];
    notes.push(`${path}: not counted: it depends on ${refs.join(', ')}`);
    return [];
  });
  return { policy: { ...(policy as Record<string, unknown>), Statement: kept }, notes };
}

/** The statement with its Resource/NotResource references read as widely as they may grant; undefined: it grants no less without it. */
function widestResources(
  statement: Record<string, unknown>,
  path: string,
  notes: string[],
): Record<string, unknown> | undefined {
  const out = { ...statement };
  const deny = statement['Effect'] === 'Deny';
  for (const key of ['Resource', 'NotResource'] as const) {
    const value = out[key];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const marked = values.filter(isMarked);
    if (marked.length === 0) continue;
    const refs = marked.flatMap((v) => markedRefs(v)).join(', ');
    if (!deny && key === 'Resource') {
      out[key] = values.map((v) => (isMarked(v) ? replaceMarked(v, '*') : v));
      notes.push(`${path}/${key}: ${refs} read as "*"`);
      continue;
    }
    if (deny && key === 'NotResource') {
      notes.push(`${path}: not counted: a Deny except ${refs} may deny nothing`);
      return undefined;
    }
    const rest = values.filter((v) => !isMarked(v));
    notes.push(
      `${path}/${key}: ${refs} read as ${deny ? 'denying nothing' : 'excluding nothing'} (the widest reading)`,
    );
    if (rest.length > 0) out[key] = rest;
    else if (deny) return undefined;
    else {
      delete out[key];
      out['Resource'] = ['*'];
    }
  }
  return out;
}

function isMarked(value: unknown): value is string {
  return typeof value === 'string' && value.includes(OPEN);
}

/** A whole-value marked reference, e.g. `data.aws_iam_policy_document.x.json`, or undefined. */
export function wholeReference(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(OPEN) || !value.endsWith(CLOSE)) return undefined;
  const refs = markedRefs(value);
  return refs.length === 1 && value === `${OPEN}${refs[0]}${CLOSE}` ? refs[0] : undefined;
}
