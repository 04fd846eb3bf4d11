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
