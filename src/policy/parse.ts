import { Ajv, type ErrorObject } from 'ajv';
import {
  POLICY_VERSION,
  type ConditionBlock,
  type PolicyDocument,
  type Principal,
  type Statement,
} from '../model/policy.ts';
import { POLICY_SCHEMA } from './schema.ts';

/** A problem in a policy, addressed by JSON pointer (`/Statement/0/Action`). */
export interface PolicyIssue {
  path: string;
  message: string;
}

export type PolicyParseResult =
  { ok: true; policy: PolicyDocument; issues: PolicyIssue[] } | { ok: false; issues: PolicyIssue[] };

const validate = new Ajv({ allErrors: true, strict: false }).compile(POLICY_SCHEMA);

/**
 * Validates an IAM policy in the AWS shape and normalizes it: every list an array, a single Statement
 * object wrapped, numbers and booleans in conditions turned into strings, a missing Version defaulted
 * (reported). Never throws.
 */
export function parsePolicyDocument(input: unknown): PolicyParseResult {
  const wrapped = wrapStatement(input);
  if (!validate(wrapped)) return { ok: false, issues: (validate.errors ?? []).map(toIssue).slice(0, 20) };
  const doc = wrapped as unknown as Record<string, unknown>;
  const grammar = grammarIssues(doc['Statement'] as Record<string, unknown>[]);
  if (grammar.length > 0) return { ok: false, issues: grammar };
  const issues: PolicyIssue[] = [];
  if (doc['Version'] === undefined)
    issues.push({ path: '/Version', message: `missing; assuming ${POLICY_VERSION}` });
  const statements = (doc['Statement'] as Record<string, unknown>[]).map((s, i) => {
    if (s['Resource'] === undefined && s['NotResource'] === undefined && s['Principal'] === undefined) {
      issues.push({
        path: `/Statement/${i}`,
        message: 'has no Resource or NotResource: it matches nothing in an identity policy',
      });
    }
    return normalizeStatement(s);
  });
  const policy: PolicyDocument = {
    Version: (doc['Version'] as PolicyDocument['Version'] | undefined) ?? POLICY_VERSION,
    ...(typeof doc['Id'] === 'string' ? { Id: doc['Id'] } : {}),
    Statement: statements,
  };
  return { ok: true, policy, issues };
}

function wrapStatement(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const statement = (input as Record<string, unknown>)['Statement'];
  if (typeof statement === 'object' && statement !== null && !Array.isArray(statement))
    return { ...input, Statement: [statement] };
  return input;
}

/** What the schema cannot say well: exactly one of Action/NotAction, at most one of Resource/NotResource. */
function grammarIssues(statements: Record<string, unknown>[]): PolicyIssue[] {
  return statements.flatMap((s, i) => {
    const issues: PolicyIssue[] = [];
    if ((s['Action'] === undefined) === (s['NotAction'] === undefined)) {
      issues.push({ path: `/Statement/${i}`, message: 'needs exactly one of Action or NotAction' });
    }
    if (s['Resource'] !== undefined && s['NotResource'] !== undefined) {
      issues.push({ path: `/Statement/${i}`, message: 'has both Resource and NotResource' });
    }
    return issues;
  });
}

/** Parses policy JSON text; a syntax error is an issue, not an exception. */
export function parsePolicyJson(text: string): PolicyParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  return parsePolicyDocument(value);
}

function normalizeStatement(s: Record<string, unknown>): Statement {
  const list = (v: unknown): string[] | undefined =>
    v === undefined ? undefined : Array.isArray(v) ? (v as string[]) : [v as string];
  const out: Statement = { Effect: s['Effect'] as Statement['Effect'] };
  if (typeof s['Sid'] === 'string') out.Sid = s['Sid'];
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const value = list(s[key]);
    if (value) out[key] = value;
  }
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (s[key] !== undefined) out[key] = normalizePrincipal(s[key]);
  }
  if (s['Condition'] !== undefined)
    out.Condition = normalizeCondition(s['Condition'] as Record<string, Record<string, unknown>>);
  return out;
}

function normalizePrincipal(p: unknown): Principal {
  if (p === '*') return '*';
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(p as Record<string, unknown>))
    out[k] = Array.isArray(v) ? (v as string[]) : [v as string];
  return out;
}

function normalizeCondition(block: Record<string, Record<string, unknown>>): ConditionBlock {
  const out: ConditionBlock = {};
  for (const [op, keys] of Object.entries(block)) {
    out[op] = {};
    for (const [key, value] of Object.entries(keys))
      out[op][key] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return out;
}

function toIssue(e: ErrorObject): PolicyIssue {
  const detail =
    e.keyword === 'additionalProperties'
      ? `unexpected key "${String(e.params['additionalProperty'])}"`
      : e.keyword === 'enum'
        ? `must be one of ${JSON.stringify(e.params['allowedValues'])}`
        : (e.message ?? 'invalid');
  return { path: e.instancePath || '/', message: detail };
}
