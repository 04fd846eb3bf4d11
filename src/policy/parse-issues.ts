/** Issues in a policy document, each addressed by a JSON pointer into the input. */
import type { ErrorObject } from 'ajv';
import { CONDITION_OPERATORS } from './operators.ts';
import { parseOperator } from './conditions.ts';

/** A problem in a policy, addressed by JSON pointer (`/Statement/0/Action`; `` is the document). */
export interface PolicyIssue {
  path: string;
  message: string;
}

type Json = Record<string, unknown>;

const MAX_ISSUES = 50;

/** ajv errors -> one issue per problem: branch noise dropped, paths pointing at the offending key. */
export function schemaIssues(errors: readonly ErrorObject[]): PolicyIssue[] {
  const seen = new Set<string>();
  const out: PolicyIssue[] = [];
  for (const e of errors) {
    const issue = toIssue(e);
    const id = `${issue?.path}\u0000${issue?.message}`;
    if (issue && !seen.has(id)) out.push(issue);
    seen.add(id);
  }
  return out.slice(0, MAX_ISSUES);
}

function toIssue(e: ErrorObject): PolicyIssue | undefined {
  const at = (key: unknown) => `${e.instancePath}/${pointerEscape(String(key))}`;
  // `if` only says which branch failed, and propertyNames reports its inner errors twice.
  if (e.keyword === 'if' || e.propertyName !== undefined) return undefined;
  switch (e.keyword) {
    case 'required':
      return { path: at(e.params['missingProperty']), message: 'is required' };
    case 'additionalProperties':
      return { path: at(e.params['additionalProperty']), message: 'is not an element allowed here' };
    case 'propertyNames':
      return {
        path: at(e.params['propertyName']),
        message: 'is not a principal type (AWS, Service, Federated, CanonicalUser)',
      };
    case 'type':
      return { path: e.instancePath, message: `must be ${[e.params['type']].flat().join(' or ')}` };
    case 'enum':
      return { path: e.instancePath, message: `must be one of ${JSON.stringify(e.params['allowedValues'])}` };
    case 'const':
      return { path: e.instancePath, message: `must be ${JSON.stringify(e.params['allowedValue'])}` };
    default:
      return { path: e.instancePath, message: e.message ?? 'is invalid' };
  }
}

/** Errors a schema says badly: exactly one of Action/NotAction, at most one of each Not pair. */
export function grammarIssues(statements: readonly Json[]): PolicyIssue[] {
  return statements.flatMap((s, i) => {
    const issues: PolicyIssue[] = [];
    const has = (key: string) => s[key] !== undefined;
    if (has('Action') === has('NotAction'))
      issues.push({ path: `/Statement/${i}`, message: 'needs exactly one of Action or NotAction' });
    for (const [a, b] of [
      ['Resource', 'NotResource'],
      ['Principal', 'NotPrincipal'],
    ] as const) {
      if (has(a) && has(b)) issues.push({ path: `/Statement/${i}`, message: `has both ${a} and ${b}` });
    }
    return issues;
  });
}

/** Warnings: the policy is usable, but probably not what its author meant (or IAM would reject it). */
export function lintIssues(doc: Json, statements: readonly Json[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (doc['Version'] === undefined)
    issues.push({
      path: '/Version',
      message: 'missing: IAM then assumes 2008-10-17, where policy variables are plain text',
    });
  if (statements.length === 0)
    issues.push({ path: '/Statement', message: 'is empty: the policy grants nothing' });
  const sids = new Set<string>();
  statements.forEach((s, i) => {
    const sid = s['Sid'];
    if (typeof sid === 'string' && sids.has(sid))
      issues.push({ path: `/Statement/${i}/Sid`, message: `duplicates Sid "${sid}"` });
    if (typeof sid === 'string') sids.add(sid);
    issues.push(...statementWarnings(s, `/Statement/${i}`));
  });
  return issues.slice(0, MAX_ISSUES);
}

function statementWarnings(s: Json, path: string): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (s['Resource'] === undefined && s['NotResource'] === undefined && s['Principal'] === undefined)
    issues.push({
      path,
      message: 'has no Resource or NotResource: it matches nothing in an identity policy',
    });
  const key = s['Action'] !== undefined ? 'Action' : 'NotAction';
  [s[key]].flat().forEach((action, j) => {
    if (typeof action === 'string' && !isActionPattern(action))
      issues.push({
        path: `${path}/${key}${Array.isArray(s[key]) ? `/${j}` : ''}`,
        message: 'is not "*" or "service:action"',
      });
  });
  for (const operator of Object.keys((s['Condition'] as Json | undefined) ?? {})) {
    if (!CONDITION_OPERATORS.includes(parseOperator(operator).base))
      issues.push({
        path: `${path}/Condition/${pointerEscape(operator)}`,
        message: 'is not a condition operator: it never holds',
      });
  }
  return issues;
}

function isActionPattern(action: string): boolean {
  return action === '*' || /^[A-Za-z0-9*?-]+:[^:\s]+$/.test(action);
}

function pointerEscape(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
