import type { PolicyDocument, Statement } from '../model/policy.ts';
import { evaluateConditions, type RequestContext, type Tri } from './conditions.ts';
import { matchesPattern, type MatchResult } from './wildcard.ts';

export interface EvaluationRequest {
  action: string;
  /** An ARN, or `*` for actions without resource-level permissions. */
  resource: string;
  context?: RequestContext;
}

export interface StatementRef {
  policy: number;
  statement: number;
  sid?: string;
}

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'conditional';

export interface EvaluationResult {
  decision: Decision;
  matchedAllow: StatementRef[];
  matchedDeny: StatementRef[];
}

/**
 * Identity-policy evaluation: an explicit Deny wins, an Allow is needed, a permissions boundary
 * intersects. When the answer depends on context the request lacks, the decision is 'conditional'.
 */
export function evaluateRequest(
  policies: readonly PolicyDocument[],
  request: EvaluationRequest,
  options: { boundary?: readonly PolicyDocument[] } = {},
): EvaluationResult {
  const identity = evaluateSet(policies, request);
  if (!options.boundary) return identity;
  const boundary = evaluateSet(options.boundary, request);
  return { ...identity, decision: intersect(identity.decision, boundary.decision) };
}

function evaluateSet(policies: readonly PolicyDocument[], request: EvaluationRequest): EvaluationResult {
  const matchedAllow: StatementRef[] = [];
  const matchedDeny: StatementRef[] = [];
  let allowMaybe = false;
  let denyMaybe = false;
  policies.forEach((policy, p) =>
    policy.Statement.forEach((statement, s) => {
      const applies = statementApplies(statement, request);
      if (applies === 'false') return;
      const ref: StatementRef = { policy: p, statement: s, ...(statement.Sid ? { sid: statement.Sid } : {}) };
      if (statement.Effect === 'Deny') {
        if (applies === 'true') matchedDeny.push(ref);
        else denyMaybe = true;
      } else if (applies === 'true') matchedAllow.push(ref);
      else allowMaybe = true;
    }),
  );
  return {
    decision: decide(matchedAllow.length > 0, allowMaybe, matchedDeny.length > 0, denyMaybe),
    matchedAllow,
    matchedDeny,
  };
}

function decide(allow: boolean, allowMaybe: boolean, deny: boolean, denyMaybe: boolean): Decision {
  if (deny) return 'explicit-deny';
  if (!allow && !allowMaybe) return 'implicit-deny';
  if (allow && !denyMaybe) return 'allowed';
  return 'conditional';
}

function intersect(a: Decision, b: Decision): Decision {
  for (const d of ['explicit-deny', 'implicit-deny', 'conditional'] as const)
    if (a === d || b === d) return d;
  return 'allowed';
}

/** Does the statement apply to the request (action, resource, conditions)? */
export function statementApplies(statement: Statement, request: EvaluationRequest): Tri {
  const context = request.context ?? {};
  const action = listMatch(statement.Action, statement.NotAction, request.action, true, context);
  if (action === 'false') return 'false';
  const resource = listMatch(statement.Resource, statement.NotResource, request.resource, false, context);
  if (resource === 'false') return 'false';
  const condition = evaluateConditions(statement.Condition, context);
  if (condition === 'false') return 'false';
  return action === 'unknown' || resource === 'unknown' || condition === 'unknown' ? 'unknown' : 'true';
}

function listMatch(
  positive: readonly string[] | undefined,
  negative: readonly string[] | undefined,
  value: string,
  caseInsensitive: boolean,
  context: RequestContext,
): Tri {
  const patterns = positive ?? negative;
  if (!patterns) return 'false';
  const results: MatchResult[] = patterns.map((p) =>
    matchesPattern(p, value, { caseInsensitive, variables: context }),
  );
  const hit: Tri = results.includes('match') ? 'true' : results.includes('unknown') ? 'unknown' : 'false';
  if (positive) return hit;
  return hit === 'true' ? 'false' : hit === 'false' ? 'true' : 'unknown';
}
