import type { AwsClientOptions } from '../aws/clients.ts';
import { indexActions } from '../diff/expand.ts';
import { InputError } from '../errors.ts';
import type { Arn } from '../model/identifiers.ts';
import { readIamStateFiles, readLambdaConfigFiles } from '../sources/audit-input-files.ts';
import type { IamState } from '../audit/iam-state.ts';
import type { LambdaConfig } from '../audit/lambda-shapes.ts';
import { rankRoles } from '../audit/rank.ts';
import type { AuditResult } from '../audit/result.ts';

export type { AuditResult } from '../audit/result.ts';
import { collectEvidence, type EvidenceDeps, type EvidenceOptions } from './evidence.ts';

/** Where an account input comes from: JSON files, or the AWS API. */
export type AccountSource =
  { kind: 'files'; files: readonly string[] } | { kind: 'api'; client: AwsClientOptions };

export interface AuditOptions extends EvidenceOptions {
  iam: AccountSource;
  lambda: AccountSource;
  /** Lambda API: the regions to list (default: the client's region). */
  lambdaRegions?: readonly string[];
  /** Any input problem (evidence, IAM, Lambda) fails the run. */
  strict: boolean;
  /** The fix printed for a role with unused grants. */
  diffCommand: (role: Arn) => string;
}

export interface AuditDeps extends EvidenceDeps {
  /** Replace the IAM / Lambda readers (tests pass in-memory inputs). */
  readIam?: () => Promise<IamState>;
  readLambda?: () => Promise<LambdaConfig>;
}

/**
 * The account audit: IAM roles and their policies, Lambda functions and how each is reached, and the
 * evidence -> every role ranked by exposure x unused privilege. Bad entries in any input are reported
 * and left out; they never add a grant or remove an exposure path that was read.
 */
export async function audit(options: AuditOptions, deps: AuditDeps): Promise<AuditResult> {
  const iam = await (deps.readIam ?? (() => readIam(options.iam)))();
  const lambda = await (deps.readLambda ?? (() => readLambda(options.lambda, options.lambdaRegions)))();
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
      ...options.window,
      ...(times.length > 0 ? { first: times[0]!, last: times[times.length - 1]! } : {}),
    },
  };
}

async function readIam(source: AccountSource): Promise<IamState> {
  if (source.kind === 'files') return readIamStateFiles(source.files);
  const { iamClient } = await import('../aws/iam.ts');
  const { readIamStateFromApi } = await import('../aws/iam-authorization-details.ts');
  const client = iamClient(source.client);
  try {
    return await readIamStateFromApi(client);
  } finally {
    client.destroy();
  }
}

async function readLambda(source: AccountSource, regions: readonly string[] = []): Promise<LambdaConfig> {
  if (source.kind === 'files') return readLambdaConfigFiles(source.files);
  const { readLambdaConfigFromApi } = await import('../aws/lambda-config.ts');
  const { mergeLambdaConfigs } = await import('../audit/lambda-shapes.ts');
  const parts: LambdaConfig[] = [];
  for (const region of regions.length > 0 ? regions : [undefined])
    parts.push(await readLambdaConfigFromApi(source.client, region));
  return mergeLambdaConfigs(parts);
}
