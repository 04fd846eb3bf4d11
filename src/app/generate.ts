import { catalogSplitter } from '../catalog/resource-split.ts';
import { InputError } from '../errors.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn } from '../model/identifiers.ts';
import type { PolicyDocument } from '../model/policy.ts';
import {
  DEFAULT_POLICY_LIMITS,
  fitPolicy,
  type FitResult,
  type PolicyLimits,
  type SplitPart,
} from '../reduce/limits.ts';
import { DEFAULT_REDUCE_OPTIONS, selectsFact, type ReduceOptions } from '../reduce/options.ts';
import { groupBy } from '../reduce/group-by.ts';
import { reducePrincipal, type ReduceResult } from '../reduce/reduce.ts';
import { demaskFacts } from '../reduce/demask.ts';
import { verifyCatalogFit } from '../reduce/verify-catalog.ts';
import { verifyPolicy } from '../reduce/verify.ts';
import { widenToFit, type Widening } from '../reduce/widen.ts';
import { collectEvidence, type EvidenceDeps, type EvidenceOptions } from './evidence.ts';
import { buildRunReport, type PlatformEvidence, type RunReport } from './run-report.ts';
import { assertUsableEvidence } from './why-empty.ts';
import type { TraceReport } from './ingest-traces.ts';
import type { LearnedPair } from '../ingest/function-roles.ts';
import { lambdaFunctions } from '../ingest/lambda-functions.ts';
import { baselineFacts } from '../reduce/platform-baseline.ts';
import type { FunctionKnowledgeDeps, FunctionKnowledgeOptions } from './function-knowledge.ts';

export interface GenerateOptions extends EvidenceOptions {
  reduce: ReduceOptions;
  /** Any unreadable file or bad record fails the run. */
  strict: boolean;
  limits?: PolicyLimits;
  /**
   * Keep every resource in the result's facts as observed (diff evaluates them against the current
   * policies). Otherwise per-request identifiers are masked as facts arrive, which leaves the
   * policies unchanged and keeps memory flat on large corpora.
   */
  exactFacts?: boolean;
  /** What the evidence cannot show of the functions: their configuration, the roles' trust policies. */
  functionKnowledge?: FunctionKnowledgeOptions;
}

/** What generate needs beyond the evidence readers. */
export interface GenerateDeps extends EvidenceDeps, Pick<FunctionKnowledgeDeps, 'lambdaConfigApi'> {}

export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'cloudtrail'> = {
  roles: [],
  reduce: DEFAULT_REDUCE_OPTIONS,
  strict: false,
};

/** One role's result: the reduced policy and the documents it is delivered as (split when too large). */
export interface RoleOutput extends ReduceResult {
  documents: PolicyDocument[];
  delivery: FitResult['kind'];
  /** For a split role: which statements went into each managed policy (for --explain). */
  parts?: SplitPart[];
  widenings: Widening[];
}

export interface GenerateResult {
  results: RoleOutput[];
  report: RunReport;
  facts: readonly Fact[];
}

/** Evidence -> one least-privilege policy per role that made at least one selected call. */
export async function generate(options: GenerateOptions, deps: GenerateDeps): Promise<GenerateResult> {
  const mode = options.reduce.generalize;
  const { store, tally, traces, learned } = await collectEvidence(options, {
    ...deps,
    ...(mode === 'none' || options.exactFacts ? {} : { premask: mode }),
  });
  const observed = store.facts();
  const principals = [
    ...new Set(observed.filter((f) => selectsFact(options.reduce, f)).map((f) => f.principal)),
  ].sort();
  assertUsableEvidence(options, tally.toReport(), tally.problemCount, principals.length);
  const platform = options.reduce.baseline
    ? await platformFacts(principals, observed, learned.pairs(), traces, options, deps)
    : { facts: [], applied: [], functions: [] };
  const facts = platform.facts.length > 0 ? [...observed, ...platform.facts] : observed;
  const split =
    options.reduce.generalize === 'none'
      ? undefined
      : catalogSplitter(deps.catalog, options.reduce.generalize);
  // Each role's facts once (facts are in canonical order, so each group is too).
  const byPrincipal = groupBy(facts, (f) => f.principal);
  // The catalog self-check looks up every action, implied ones (iam:PassRole) included.
  await deps.catalog.ensure(new Set(facts.map((f) => f.action.slice(0, f.action.indexOf(':')))));
  const results = principals.map((p) => {
    const output = deliver(
      reducePrincipal(p as Arn, byPrincipal.get(p) ?? [], options.reduce, split),
      byPrincipal.get(p) ?? [],
      options,
    );
    verifyCatalogFit(output.documents, deps.catalog);
    return output;
  });
  const report = buildRunReport(tally, observed, results, deps.catalog.version, platform);
  return { results, report: traces ? { ...report, traces } : report, facts };
}

/**
 * The Lambda functions behind the selected roles and their platform baselines (inferred facts). The
 * functions' configuration and the roles' trust policies are read only when an option names them.
 */
async function platformFacts(
  principals: readonly string[],
  facts: readonly Fact[],
  pairs: readonly LearnedPair[],
  traces: TraceReport | undefined,
  options: GenerateOptions,
  deps: GenerateDeps,
): Promise<PlatformEvidence> {
  const selected = new Set(principals);
  const traced = (traces?.functions ?? []).flatMap((f) =>
    f.role && selected.has(f.role)
      ? [{ name: f.name, role: f.role, ...(f.functionArn ? { functionArn: f.functionArn } : {}) }]
      : [],
  );
  const rolePairs = pairs.filter((p) => selected.has(p.role));
  let functions = lambdaFunctions(rolePairs, traced, facts);
  const wanted = options.functionKnowledge;
  if (wanted && ((wanted.lambda?.length ?? 0) > 0 || (wanted.iam?.length ?? 0) > 0 || wanted.fromLambda)) {
    // Loaded only then: its readers parse policies (ajv), which a plain run never needs.
    const { readFunctionKnowledge } = await import('./function-knowledge.ts');
    const known = await readFunctionKnowledge(wanted, functions, {
      ...(options.aws?.client ? { client: options.aws.client } : {}),
      ...(deps.lambdaConfigApi ? { lambdaConfigApi: deps.lambdaConfigApi } : {}),
      ...(deps.onWarning ? { onWarning: deps.onWarning } : {}),
    });
    if (options.strict && known.problems.length > 0)
      throw new InputError(
        `--strict: ${known.problems.length} problem(s) in the function configuration or IAM input; see the messages above`,
      );
    const configs = known.configs?.filter((c) => selected.has(c.role));
    functions = lambdaFunctions(rolePairs, traced, facts, { ...known, ...(configs ? { configs } : {}) });
  }
  return {
    ...baselineFacts(
      functions,
      groupBy(facts, (f) => f.principal),
    ),
    functions,
  };
}

function deliver(result: ReduceResult, facts: readonly Fact[], options: GenerateOptions): RoleOutput {
  const limits = options.limits ?? DEFAULT_POLICY_LIMITS;
  const { fit, widenings } = options.reduce.compact
    ? widenToFit(result.policy, limits)
    : { fit: fitPolicy(result.policy, limits), widenings: [] };
  if (fit.kind === 'too-large') {
    throw new InputError(
      `the policy for ${result.principal} is ${fit.size} characters and cannot be split to fit IAM's limits (${fit.reason}); ` +
        (options.reduce.compact
          ? 'even --compact could not shrink it enough'
          : 'rerun with --compact to widen resources (each widening is reported)'),
    );
  }
  // The reducer verified its own document; only a delivery that changed it (merged, split, widened)
  // is checked again.
  if (fit.documents.length !== 1 || fit.documents[0] !== result.policy) {
    const selected = facts.filter((f) => f.principal === result.principal && selectsFact(options.reduce, f));
    verifyPolicy(fit.documents, demaskFacts(selected));
  }
  return {
    ...result,
    documents: fit.documents,
    delivery: fit.kind,
    ...(fit.kind === 'managed' ? { parts: fit.parts } : {}),
    widenings,
  };
}
