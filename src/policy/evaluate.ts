/**
 * Identity-policy evaluation, after
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * in three-valued logic: the evidence may lack a condition key, and then the answer is 'conditional'.
 */
import type { PolicyDocument, Statement } from '../model/policy.ts';
import { evaluateConditions, type RequestContext, type Tri } from './conditions.ts';
import { patternCovers } from './pattern-cover.ts';
import { matchResourceList } from './pattern-list.ts';
import { statementsFor } from './statement-index.ts';
import { matchesPattern, type MatchResult } from './wildcard.ts';

/** One request: an action on one resource, with the condition keys the evidence recorded. */
export interface EvaluationRequest {
  /** `service:Action`, matched case-insensitively. */
  action: string;
  /** An ARN (matched case-sensitively), or `*` for actions without resource-level permissions. */
  resource: string;
  /** Condition keys (case-insensitive). Missing key: unknown to the evidence; `[]`: known absent. */
  context?: RequestContext;
  /**
   * `resource` is an escaped IAM pattern standing for one concrete resource the evidence does not
   * name exactly (`secret:prod-??????`): a Resource pattern applies when it covers every value, not
   * when it covers none, and is unknown ('conditional') in between. Default: a concrete ARN.
   */
  resourceIsPattern?: boolean;
}

/** A statement by position: `policy` indexes the list passed in, `statement` the document's Statement. */
export interface StatementRef {
  policy: number;
  statement: number;
  sid?: string;
  /** Set when the statement is in the permissions boundary rather than the identity policies. */
  boundary?: true;
}

/**
 * 'allowed' / 'explicit-deny' / 'implicit-deny' as IAM decides; 'conditional' when the decision
 * depends on context the evidence lacks.
 */
export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'conditional';

/** The decision, and the statements that definitely apply (statements that only may apply are not listed). */
export interface EvaluationResult {
  decision: Decision;
  matchedAllow: StatementRef[];
  matchedDeny: StatementRef[];
}

/** Options for {@link evaluateRequest}. */
export interface EvaluationOptions {
  /** Permissions boundary: when given (even empty), the request must be allowed by it too. */
  boundary?: readonly PolicyDocument[];
}

/**
 * Evaluates one request against identity policies: an explicit Deny wins, an Allow is needed, a
 * permissions boundary intersects. 'conditional' when the answer depends on context the request
 * lacks: an Allow that may apply and no definite one, or a Deny that may apply to an allowed
 * request. Never guesses, never throws on a well-typed policy.
 */
export function evaluateRequest(
  policies: readonly PolicyDocument[],
  request: EvaluationRequest,
  options: EvaluationOptions = {},
): EvaluationResult {
  const identity = evaluateSet(policies, request, false);
  if (!options.boundary) return identity;
  const boundary = evaluateSet(options.boundary, request, true);
  return {
    decision: intersect(identity.decision, boundary.decision),
    matchedAllow: [...identity.matchedAllow, ...boundary.matchedAllow],
    matchedDeny: [...identity.matchedDeny, ...boundary.matchedDeny],
  };
}

function evaluateSet(
  policies: readonly PolicyDocument[],
  request: EvaluationRequest,
  boundary: boolean,
): EvaluationResult {
  const matchedAllow: StatementRef[] = [];
  const matchedDeny: StatementRef[] = [];
  let allowMaybe = false;
  let denyMaybe = false;
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p]!;
    for (const s of statementsFor(policy.Statement, request.action)) {
      const statement = policy.Statement[s]!;
      const applies = statementApplies(statement, request, policy.Version);
      if (applies === 'false') continue;
      const ref: StatementRef = {
        policy: p,
        statement: s,
        ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
        ...(boundary ? { boundary: true as const } : {}),
      };
      const deny = statement.Effect === 'Deny';
      if (applies === 'true') (deny ? matchedDeny : matchedAllow).push(ref);
      else if (deny) denyMaybe = true;
      else allowMaybe = true;
    }
  }
  const decision = decide(matchedAllow.length > 0, allowMaybe, matchedDeny.length > 0, denyMaybe);
  return { decision, matchedAllow, matchedDeny };
}

function decide(allow: boolean, allowMaybe: boolean, deny: boolean, denyMaybe: boolean): Decision {
  if (deny) return 'explicit-deny';
  if (!allow && !allowMaybe) return 'implicit-deny';
  if (allow && !denyMaybe) return 'allowed';
  return 'conditional';
}

/** Both must allow: the less permissive decision, explicit deny first. */
function intersect(a: Decision, b: Decision): Decision {
  for (const d of ['explicit-deny', 'implicit-deny', 'conditional'] as const)
    if (a === d || b === d) return d;
  return 'allowed';
}

/**
 * Does the statement apply to the request (action, resource, conditions)? Effect is not considered.
 * `version` 2008-10-17 disables policy variables (IAM treats `${...}` as text there).
 */
export function statementApplies(
  statement: Statement,
  request: EvaluationRequest,
  version: PolicyDocument['Version'] = '2012-10-17',
): Tri {
  const context = request.context ?? {};
  const substitute = version !== '2008-10-17';
  const action = listMatch(statement.Action, statement.NotAction, (patterns) =>
    anyOf(patterns, (p) => matchesPattern(p, request.action, ACTION_MATCH)),
  );
  if (action === 'false') return 'false';
  const resource = listMatch(statement.Resource, statement.NotResource, (patterns) =>
    request.resourceIsPattern
      ? anyOf(patterns, (p) =>
          patternCovers(p, request.resource, { caseInsensitive: false, variables: context, substitute }),
        )
      : matchResourceList(patterns, request.resource, context, substitute),
  );
  if (resource === 'false') return 'false';
  const condition = evaluateConditions(statement.Condition, context, { substitute });
  if (condition === 'false') return 'false';
  return action === 'unknown' || resource === 'unknown' || condition === 'unknown' ? 'unknown' : 'true';
}

/** Element / NotElement: any pattern matching (OR); the Not form inverts. Neither: matches nothing. */
function listMatch(
  positive: readonly string[] | undefined,
  negative: readonly string[] | undefined,
  match: (patterns: readonly string[]) => MatchResult,
): Tri {
  const patterns = positive ?? negative;
  if (!patterns) return 'false';
  const result = match(patterns);
  const hit: Tri = result === 'match' ? 'true' : result === 'unknown' ? 'unknown' : 'false';
  if (positive) return hit;
  return hit === 'true' ? 'false' : hit === 'false' ? 'true' : 'unknown';
}

const ACTION_MATCH = { caseInsensitive: true, substitute: false } as const;

/** 'match' if any pattern matches (the first one ends the scan), else 'unknown' if any is, else 'no-match'. */
function anyOf(patterns: readonly string[], match: (pattern: string) => MatchResult): MatchResult {
  let unknown = false;
  for (const p of patterns) {
    const r = match(p);
    if (r === 'match') return 'match';
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no-match';
}
