import { compareRole } from '../diff/compare.ts';
import { indexActions } from '../diff/expand.ts';
import type { RoleDiff } from '../diff/types.ts';
import { UsageError } from '../errors.ts';
import type { EvidenceDeps } from './evidence.ts';
import type { CurrentPoliciesPort } from './ports.ts';
import { generate, type GenerateOptions } from './generate.ts';
import type { RunReport } from './run-report.ts';

export interface DiffOptions extends GenerateOptions {
  /** Keep granted actions the evidence could not have seen in the proposal (default true). */
  keepNotVisible?: boolean;
}

/** Evidence wiring plus the current-policy reader (ports.ts; `currentPoliciesReader` in readers.ts). */
export interface DiffDeps extends EvidenceDeps, CurrentPoliciesPort {}

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
  const current = await deps.readCurrent(proposal.principal);
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
