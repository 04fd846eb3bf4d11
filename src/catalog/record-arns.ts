import { compileTemplate, refitArn } from './arn-template.ts';
import type { Catalog } from './catalog.ts';
import { WELL_FORMED_ARN } from './template-assignments.ts';

const WILDCARD = /[*?]/;

/**
 * Why the ARNs a record lists itself (CloudTrail `resources[].ARN`) cannot be trusted, or undefined
 * when they can. Every one must be a well-formed ARN; one holding `*` or `?` must still fit a
 * resource type of its service once its names are validated (an object key may hold `*`; a bucket
 * name may not), so `arn:aws:s3:::*\/*` is rejected instead of being read as "no resource named".
 */
export function recordArnsProblem(catalog: Catalog, arns: readonly string[]): string | undefined {
  for (const arn of arns) {
    if (!WELL_FORMED_ARN.test(arn)) return 'resources[] lists a value that is not a well-formed ARN';
    if (WILDCARD.test(arn) && !fitsItsService(catalog, arn)) {
      return 'resources[] lists an ARN with a wildcard that fits no resource type of its service';
    }
  }
  return undefined;
}

function fitsItsService(catalog: Catalog, arn: string): boolean {
  const prefix = arn.split(':')[2] ?? '';
  const service = catalog.isLoaded(prefix) ? catalog.service(prefix) : undefined;
  if (!service) return false;
  for (const type of service.resourceTypes.values()) {
    if (refitArn(compileTemplate(type.arn), arn) !== undefined) return true;
  }
  return false;
}
