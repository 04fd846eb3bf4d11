import { unescapeIamValue } from '../catalog/arn-template.ts';
import {
  BOUNDARY_POLICY_CHANGE_ACTIONS,
  BOUNDARY_REMOVAL_ACTIONS,
  ESCALATION_ACTIONS,
} from '../catalog/escalation.ts';
import { InternalError } from '../errors.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import type { PolicyDocument } from '../model/policy.ts';
import { evaluateRequest } from '../policy/evaluate.ts';
import { accountOf, iamPrefixes, type Boundary } from './boundary-build.ts';

/** One role's proposal and the facts it was made from. */
export interface ProvenRole {
  role: Arn;
  documents: readonly PolicyDocument[];
  facts: readonly Fact[];
}

/** What the proof checked (printed with --explain, kept in the report). */
export interface BoundaryProof {
  /** (fact, resource) requests allowed by proposal and boundary together. */
  requestsAllowed: number;
  /** Escalation and boundary-change requests the boundary denies explicitly, even under `*` on `*`. */
  requestsDenied: number;
}

const EVERYTHING: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
};

/**
 * The boundary's proof, run on every `boundary`: (1) every call each role's proposal was made for is
 * still allowed with the boundary applied (tightrole's evaluator, the request context as recorded plus
 * `aws:ResourceAccount` from the ARN); (2) under an identity policy allowing everything, every
 * escalation-capable action is explicitly denied on a resource the roles never used it on, and so are
 * boundary removal on each role and changes to the boundary policy. A failure is a bug: InternalError.
 */
export function proveBoundary(
  boundary: Boundary,
  roles: readonly ProvenRole[],
  policyName: string,
): BoundaryProof {
  let requestsAllowed = 0;
  for (const r of roles)
    for (const f of r.facts)
      for (const resource of f.resources === '*' ? ['*'] : f.resources.map(unescapeIamValue)) {
        const account = accountOf(resource);
        const context = { ...f.context, ...(account ? { 'aws:ResourceAccount': account } : {}) };
        const request = { action: f.action, resource, context };
        const decision = evaluateRequest(r.documents, request, { boundary: [boundary.document] }).decision;
        if (decision !== 'allowed')
          throw new InternalError(
            `boundary self-check failed: ${r.role} needs ${f.action} on ${resource}, but with the boundary the decision is "${decision}"`,
          );
        requestsAllowed++;
      }
  let requestsDenied = 0;
  const deny = (action: string, resource: string) => {
    const decision = evaluateRequest(
      [EVERYTHING],
      { action, resource },
      { boundary: [boundary.document] },
    ).decision;
    if (decision !== 'explicit-deny')
      throw new InternalError(
        `boundary self-check failed: ${action} on ${resource} gives "${decision}", not an explicit deny`,
      );
    requestsDenied++;
  };
  const accounts = iamPrefixes(roles.map((r) => r.role));
  for (const e of ESCALATION_ACTIONS) {
    if (boundary.usedEscalation.includes(e.action) && !deniedElsewhere(boundary, e.action)) continue;
    for (const account of accounts) deny(e.action, `${account}:role/tightrole-proof-never-used`);
  }
  for (const r of roles) for (const action of BOUNDARY_REMOVAL_ACTIONS) deny(action, r.role);
  for (const account of accounts)
    for (const action of BOUNDARY_POLICY_CHANGE_ACTIONS) deny(action, `${account}:policy/${policyName}`);
  return { requestsAllowed, requestsDenied };
}

function deniedElsewhere(boundary: Boundary, action: string): boolean {
  return boundary.document.Statement.some(
    (s) => s.Effect === 'Deny' && s.NotResource && s.Action?.includes(action),
  );
}
