import type { IamState } from '../audit/iam-state.ts';
import type { LambdaConfig } from '../audit/lambda-shapes.ts';
import type { CurrentPolicies } from '../current/types.ts';
import type { FunctionRoleApi } from '../aws/lambda.ts';
import type { XRayApi } from '../aws/xray.ts';
import type { Arn } from '../model/identifiers.ts';

/**
 * The ports: what the use cases need from the outside world that is not evidence, each a small
 * interface. A use case takes them explicitly (tests pass in-memory ones); the CLI and library
 * callers build the real ones with `app/readers.ts` (files, or the AWS API, the SDK loaded only then).
 * Evidence readers (CloudTrail files, trace files) are wired through `EvidenceDeps` (app/evidence.ts).
 * Type-only: importing this file loads nothing.
 */

/** The account's IAM roles, their policies and trust (for `audit`). */
export type IamStateReader = () => Promise<IamState>;

/** The account's Lambda functions and how each is reached (for `audit`). */
export type LambdaConfigReader = () => Promise<LambdaConfig>;

/** What one role carries today (for `diff`). */
export type CurrentPoliciesReader = (role: Arn) => Promise<CurrentPolicies>;

/** The readers `audit` needs. */
export interface AccountPorts {
  readIam: IamStateReader;
  readLambda: LambdaConfigReader;
}

/** The reader `diff` needs. */
export interface CurrentPoliciesPort {
  readCurrent: CurrentPoliciesReader;
}

/**
 * What trace evidence may ask AWS (app/ingest-traces.ts): the X-Ray API for `--xray-api`, and Lambda
 * for the roles of traced functions (`--resolve-roles`). Opened only when those flags ask for them.
 */
export interface TracePorts {
  openXRay(): Promise<XRayApi>;
  openLambdaRoles(): Promise<FunctionRoleApi>;
}
