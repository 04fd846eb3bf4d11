import { InputError } from '../errors.ts';
import type { Arn } from '../model/identifiers.ts';
import { DEFAULT_REDUCE_OPTIONS, type ReduceOptions } from '../reduce/options.ts';
import { reducePrincipal, type ReduceResult } from '../reduce/reduce.ts';
import { collectEvidence, type EvidenceDeps, type EvidenceOptions } from './evidence.ts';
import { buildRunReport, type RunReport } from './run-report.ts';

export interface GenerateOptions extends EvidenceOptions {
  reduce: ReduceOptions;
  /** Any unreadable file or bad record fails the run. */
  strict: boolean;
}

export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'cloudtrail'> = {
  roles: [],
  reduce: DEFAULT_REDUCE_OPTIONS,
  strict: false,
};

export interface GenerateResult {
  results: ReduceResult[];
  report: RunReport;
}

/** Evidence -> one least-privilege policy per role that made at least one selected call. */
export async function generate(options: GenerateOptions, deps: EvidenceDeps): Promise<GenerateResult> {
  const { store, tally } = await collectEvidence(options, deps);
  if (options.strict && tally.problemCount > 0) {
    throw new InputError(`--strict: ${tally.problemCount} input problem(s); see the messages above`);
  }
  const facts = store.facts();
  const principals = [...new Set(facts.filter((f) => selectable(f.outcome, options.reduce)).map((f) => f.principal))].sort();
  if (principals.length === 0) {
    const what = options.roles.length > 0 ? `for role(s) ${options.roles.join(', ')}` : 'for any role';
    throw new InputError(`no successful calls ${what} in ${tally.records} record(s) from ${tally.files} file(s)`);
  }
  const results = principals.map((p) => reducePrincipal(p as Arn, facts, options.reduce));
  return { results, report: buildRunReport(tally, facts, results, deps.catalog.version) };
}

function selectable(outcome: string, options: ReduceOptions): boolean {
  return outcome === 'allowed' || (options.includeDenied && outcome === 'denied');
}
