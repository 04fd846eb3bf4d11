import type { AwsClientOptions } from '../aws/clients.ts';
import { compareRole } from '../diff/compare.ts';
import { indexActions } from '../diff/expand.ts';
import type { RoleDiff } from '../diff/types.ts';
import type { CurrentPolicies } from '../current/types.ts';
import { UsageError } from '../errors.ts';
import type { Arn } from '../model/identifiers.ts';
import { readCurrentPolicyFiles } from '../sources/current-policies.ts';
import type { EvidenceDeps } from './evidence.ts';
import { generate, type GenerateOptions } from './generate.ts';
import type { RunReport } from './run-report.ts';

/** Where the role's current policies come from. */
export type CurrentSource =
  { kind: 'files'; files: readonly string[] } | { kind: 'iam'; client: AwsClientOptions };

export interface DiffOptions extends GenerateOptions {
  current: CurrentSource;
  /** Keep granted actions the evidence could not have seen in the proposal (default true). */
  keepNotVisible?: boolean;
}

export interface DiffDeps extends EvidenceDeps {
  /** Replaces reading `options.current` (tests pass in-memory policies). */
  readCurrent?: (role: Arn) => Promise<CurrentPolicies>;
}

export interface DiffResult {
  diff: RoleDiff;
  report: RunReport;
}

/**
 * Evidence -> the proposal for one role (as `generate` makes it) compared with what the role carries
 * today. `options.roles` must select exactly one role.
 */
export async function diff(options: DiffOptions, deps: DiffDeps): Promise<DiffResult> {
  if (options.roles.length !== 1) throw new UsageError('diff compares one role: give exactly one --role');
  const { results, report, facts } = await generate({ ...options, exactFacts: true }, deps);
  if (results.length > 1)
    throw new UsageError(
      `--role ${options.roles[0]} matches ${results.length} roles (${results.map((r) => r.principal).join(', ')}); give the full ARN`,
    );
  const proposal = results[0]!;
  const current = await (deps.readCurrent ?? currentReader(options.current))(proposal.principal);
  await deps.catalog.ensureAll();
  const roleDiff = compareRole({
    role: proposal.principal,
    current,
    proposed: proposal.documents,
    facts,
    index: indexActions(deps.catalog.loadedServices()),
    keepNotVisible: options.keepNotVisible ?? true,
  });
  return { diff: roleDiff, report };
}

function currentReader(source: CurrentSource): (role: Arn) => Promise<CurrentPolicies> {
  if (source.kind === 'files') return (role) => readCurrentPolicyFiles(source.files, role);
  return async (role) => {
    // The SDK loads only when IAM is asked.
    const { iamClient, readRolePoliciesFromIam } = await import('../aws/iam.ts');
    const client = iamClient(source.client);
    try {
      return await readRolePoliciesFromIam(client, role);
    } finally {
      client.destroy();
    }
  };
}
