/**
 * tightrole as a library: the same use cases the CLI calls. Build a catalog over iam-data, then run
 * `generate`, `diff`, `audit`, `boundary`, `listRoles` or `convertPolicyText`; render with the exported renderers.
 *
 * ```ts
 * import { Catalog, iamDataSource, generate, DEFAULT_REDUCE_OPTIONS } from 'tightrole';
 * const { results } = await generate(
 *   { cloudtrail: ['logs/'], roles: [], strict: false, reduce: DEFAULT_REDUCE_OPTIONS },
 *   { catalog: new Catalog(iamDataSource()) },
 * );
 * ```
 */
export type * from './model/index.ts';
export { Catalog } from './catalog/catalog.ts';
export { iamDataSource } from './catalog/iam-data-source.ts';
export { generate, type GenerateOptions, type GenerateResult, type RoleOutput } from './app/generate.ts';
export { diff, type DiffDeps, type DiffOptions, type DiffResult } from './app/diff.ts';
export { audit, type AuditDeps, type AuditOptions, type AuditResult } from './app/audit.ts';
export type {
  AccountPorts,
  CurrentPoliciesPort,
  CurrentPoliciesReader,
  IamStateReader,
  LambdaConfigReader,
} from './app/ports.ts';
export {
  accountReaders,
  currentPoliciesReader,
  type AccountSource,
  type CurrentSource,
} from './app/readers.ts';
export { boundary, type BoundaryRunOptions, type BoundaryResult } from './app/boundary.ts';
export { listRoles, type RoleList, type RoleSummary } from './app/roles.ts';
export { convertPolicyText, type ConvertOptions } from './app/convert.ts';
export { collectEvidence, type EvidenceDeps, type EvidenceOptions } from './app/evidence.ts';
export { DEFAULT_REDUCE_OPTIONS, type ReduceOptions } from './reduce/options.ts';
export { reducePrincipal, type ReduceResult } from './reduce/reduce.ts';
export { evaluateRequest, type Decision, type EvaluationRequest } from './policy/evaluate.ts';
export { parsePolicyDocument, parsePolicyJson } from './policy/parse.ts';
export { renderPolicyJson } from './render/json.ts';
export { renderAuditJson } from './render/audit-json.ts';
export { renderAuditMarkdown } from './render/audit-markdown.ts';
export { renderAuditText } from './render/audit-text.ts';
export { renderBoundary } from './render/boundary-output.ts';
export { renderTerraform } from './render/terraform.ts';
export { renderCloudFormation } from './render/cloudformation.ts';
export { TightroleError, UsageError, InputError, AwsError, InternalError } from './errors.ts';
