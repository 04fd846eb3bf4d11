import { indexActions } from '../diff/expand.ts';
import { InputError } from '../errors.ts';
import type { Arn } from '../model/identifiers.ts';
import { rankRoles } from '../audit/rank.ts';
import type { AuditResult } from '../audit/result.ts';

export type { AuditResult } from '../audit/result.ts';
import { collectEvidence, type EvidenceDeps, type EvidenceOptions } from './evidence.ts';
import type { AccountPorts } from './ports.ts';

export interface AuditOptions extends EvidenceOptions {
  /** Any input problem (evidence, IAM, Lambda) fails the run. */
  strict: boolean;
  /** The fix printed for a role with unused grants. */
  diffCommand: (role: Arn) => string;
}

/** Evidence wiring plus the account readers (ports.ts; `accountReaders` in readers.ts builds the real ones). */
export interface AuditDeps extends EvidenceDeps, AccountPorts {}

/**
 * The account audit: IAM roles and their policies, Lambda functions and how each is reached, and the
 * evidence -> every role ranked by exposure x unused privilege. Bad entries in any input are reported
 * and left out; they never add a grant or remove an exposure path that was read.
 */
export async function audit(options: AuditOptions, deps: AuditDeps): Promise<AuditResult> {
  const iam = await deps.readIam();
  const lambda = await deps.readLambda();
  const problems = [...iam.problems, ...lambda.problems];
  if (iam.roles.length === 0)
    throw new InputError(
      `no roles in the IAM input${problems.length > 0 ? `:\n  ${problems.slice(0, 20).join('\n  ')}` : ''}`,
    );
  const { store, tally } = await collectEvidence(options, deps);
  if (options.strict && tally.problemCount + problems.length > 0)
    throw new InputError(
      `--strict: ${tally.problemCount + problems.length} input problem(s); see the messages above`,
    );
  await deps.catalog.ensureAll();
  const facts = store.facts();
  const model = rankRoles({
    iam,
    lambda,
    facts,
    index: indexActions(deps.catalog.loadedServices()),
    diffCommand: options.diffCommand,
  });
  const times = facts.flatMap((f) => [f.firstSeen, f.lastSeen]).sort();
  return {
    model,
    problems,
    ingest: tally.toReport(),
    window: {
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
      ...(times.length > 0 ? { first: times[0]!, last: times[times.length - 1]! } : {}),
    },
  };
}
