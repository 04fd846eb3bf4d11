import { unescapeIamValue } from '../catalog/arn-template.ts';
import { InternalError } from '../errors.ts';
import type { Fact } from '../model/fact.ts';
import type { PolicyDocument } from '../model/policy.ts';
import { evaluateRequest } from '../policy/evaluate.ts';

/**
 * The reducer's self-check, run on every result: each selected fact is allowed by the policy, and the
 * policy names no action that no fact supports. Either failure is a bug in tightrole.
 */
export function verifyPolicy(
  policy: PolicyDocument | readonly PolicyDocument[],
  facts: readonly Fact[],
): void {
  const documents = Array.isArray(policy) ? [...policy] : [policy as PolicyDocument];
  for (const fact of facts) {
    for (const resource of fact.resources === '*' ? ['*'] : fact.resources) {
      const result = evaluateRequest(documents, {
        action: fact.action,
        resource: resource.includes('$') ? unescapeIamValue(resource) : resource,
        context: fact.context,
      });
      if (result.decision !== 'allowed') {
        throw new InternalError(
          `reducer self-check failed: ${fact.action} on ${resource} was observed but the generated policy gives "${result.decision}"`,
        );
      }
    }
  }
  const observed = new Set(facts.map((f) => f.action.toLowerCase()));
  for (const statement of documents.flatMap((d) => d.Statement)) {
    for (const action of statement.Action ?? []) {
      if (!observed.has(action.toLowerCase())) {
        throw new InternalError(
          `reducer self-check failed: ${action} is in the policy but was never observed`,
        );
      }
    }
  }
}
