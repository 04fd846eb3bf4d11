/** A concrete ARN, or an ARN pattern after generalization (IAM `*`/`?` wildcards, `${*}` escapes). */
export type Arn = `arn:${string}`;

/** "service:Action" in the catalog's canonical case, e.g. `s3:GetObject`. Never a wildcard. */
export type IamAction = `${string}:${string}`;

/** The resource of a call: concrete ARNs, or `'*'` when the action has no resource-level permissions
 * (or the resource could not be resolved; the ingest report then counts it). */
export type ResourceSet = Arn[] | '*';

export function isArn(value: string): value is Arn {
  return value.startsWith('arn:');
}

// IAM role ARN: partition, 12-digit account, role path and name with IAM's allowed characters
// (IAM User Guide, "IAM identifiers": names [\w+=,.@-], paths /[\x21-\x7e]*/ but we accept the
// name characters plus '/'). Anything else is a forged or corrupted identity and is skipped.
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** A role ARN, by IAM's rules (the one test; ingest/principal.ts memoizes it on the record path). */
export function isRoleArn(value: string): value is Arn {
  return value.length <= 2048 && ROLE_ARN.test(value);
}
