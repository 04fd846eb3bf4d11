import { AwsError } from '../errors.ts';

/** One AWS call as an error message names it, and the permission it needs. */
export interface AwsCall {
  /** "S3 ListObjectsV2", "CloudTrail LookupEvents", ... */
  api: string;
  region?: string;
  /** The IAM action and resource to grant when the call is refused. */
  grant: { action: string; resource: string };
}

const DENIED = /AccessDenied|UnauthorizedOperation|NotAuthorized|Forbidden|AuthorizationError/i;
const THROTTLED = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i;
const CREDENTIALS =
  /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch/i;

interface SdkErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function shapeOf(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : { message: String(error) };
}

/**
 * An SDK error -> an `AwsError` naming the API, the region and the fix: for a refusal, the IAM action
 * and resource to grant; for throttling, the attempts made; for credentials, how to give them.
 */
export function toAwsError(error: unknown, call: AwsCall): AwsError {
  if (error instanceof AwsError) return error;
  const e = shapeOf(error);
  const name = e.name ?? 'Error';
  const where = `${call.api}${call.region ? ` in ${call.region}` : ''}`;
  const detail = `${name}: ${e.message ?? ''}`.trim();
  if (DENIED.test(name) || e.$metadata?.httpStatusCode === 403) {
    const grant = `${call.grant.action} on ${call.grant.resource}`;
    return new AwsError(`${where} was refused (${detail}); grant ${grant} (see: tightrole permissions)`, {
      cause: error,
    });
  }
  if (CREDENTIALS.test(name)) {
    return new AwsError(
      `${where}: no valid AWS credentials (${detail}); set --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID`,
      {
        cause: error,
      },
    );
  }
  if (THROTTLED.test(name)) {
    const attempts = e.$metadata?.attempts;
    return new AwsError(
      `${where} was throttled${attempts ? ` after ${attempts} attempts` : ''} (${detail}); retry later`,
      {
        cause: error,
      },
    );
  }
  if (/Region is missing/i.test(e.message ?? '')) {
    return new AwsError(`${where}: no AWS region; pass --region or set AWS_REGION`, { cause: error });
  }
  return new AwsError(`${where} failed (${detail})`, { cause: error });
}

/** True for an error that means the caller lacks a permission. */
export function isAccessDenied(error: unknown): boolean {
  const e = shapeOf(error instanceof AwsError ? error.cause : error);
  return DENIED.test(e.name ?? '') || e.$metadata?.httpStatusCode === 403;
}

/** Runs one AWS call, turning any SDK error into an `AwsError` for `call`. */
export async function awsCall<T>(call: AwsCall, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAwsError(error, call);
  }
}
