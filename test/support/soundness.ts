import { expect } from 'chai';
import { unescapeIamValue } from '../../src/catalog/arn-template.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { parseCloudTrailRecord, recordServicePrefix } from '../../src/ingest/cloudtrail-record.ts';
import { NO_FILTER } from '../../src/ingest/record-result.ts';
import type { Observation } from '../../src/model/observation.ts';
import type { PolicyDocument } from '../../src/model/policy.ts';
import { evaluateRequest } from '../../src/policy/evaluate.ts';

/**
 * The observations a proposal must allow, parsed independently of the generate pipeline: successful
 * calls and calls that failed after authorization (the code handles that error).
 */
export async function grantedObservations(
  catalog: Catalog,
  records: readonly unknown[],
): Promise<Observation[]> {
  await catalog.ensure(records.flatMap((r) => recordServicePrefix(r) ?? []));
  return records.flatMap((record, i) => {
    const result = parseCloudTrailRecord(record, catalog, { record: i }, NO_FILTER);
    return result.kind === 'observations'
      ? result.observations.filter((o) => o.outcome === 'allowed' || o.outcome === 'failed')
      : [];
  });
}

/**
 * Every observation is allowed by its role's policy; every policy action was observed, or is one of
 * the `inferred` ("<role ARN> <action>") the caller expects (platform baselines, companions).
 */
export function expectSound(
  policies: ReadonlyMap<string, PolicyDocument>,
  observations: readonly Observation[],
  inferred: readonly string[] = [],
): void {
  const refused: string[] = [];
  for (const o of observations) {
    const policy = policies.get(o.principal);
    if (!policy) {
      refused.push(`${o.principal}: no policy`);
      continue;
    }
    for (const resource of o.resources === '*' ? ['*'] : o.resources) {
      const r = evaluateRequest([policy], {
        action: o.action,
        resource: unescapeIamValue(resource),
        context: o.context,
      });
      if (r.decision !== 'allowed') refused.push(`${o.principal} ${o.action} ${resource}: ${r.decision}`);
    }
  }
  expect(refused.slice(0, 10)).to.deep.equal([]);
  const observed = new Set([...observations.map((o) => `${o.principal} ${o.action}`), ...inferred]);
  const unobserved = [...policies.entries()].flatMap(([principal, doc]) =>
    doc.Statement.flatMap((s) =>
      (s.Action ?? []).filter((a) => !observed.has(`${principal} ${a}`)).map((a) => `${principal} ${a}`),
    ),
  );
  expect(unobserved).to.deep.equal([]);
}
