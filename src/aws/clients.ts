import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/** A retry strategy the SDK clients accept (tests pass a fast one). */
export type RetryStrategyOption = NonNullable<S3ClientConfig['retryStrategy']>;

/** How every SDK client is built: one place for region, profile, endpoint, retries and credentials. */
export interface AwsClientOptions {
  /** Default: the SDK's chain (AWS_REGION, the profile's region). */
  region?: string;
  /** A named profile from ~/.aws/config (SSO and assume-role profiles included). Default: AWS_PROFILE or default. */
  profile?: string;
  /** Another endpoint (LocalStack, an S3-compatible store, a test server); S3 then uses path-style URLs. */
  endpointUrl?: string;
  /** Attempts per request, first included. Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Static credentials (tests); default: the SDK's default chain (env, profiles, SSO, IMDS). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Replaces the adaptive retry mode (tests use short delays). */
  retryStrategy?: RetryStrategyOption;
}

/** Throttled list and query APIs deserve more patience than the SDK's default of 3. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The configuration every client shares; never reads the environment itself (the SDK chain does). */
export function baseClientConfig(options: AwsClientOptions, region?: string) {
  const chosen = region ?? options.region;
  return {
    ...(chosen ? { region: chosen } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : { retryMode: 'adaptive' }),
  };
}

/**
 * Builds and remembers SDK clients, one per service and region; `close()` destroys them all.
 * Never builds a client until asked, so commands that do not touch AWS need no credentials.
 */
export class AwsClients {
  readonly options: AwsClientOptions;
  readonly #clients = new Map<string, { destroy(): void }>();

  constructor(options: AwsClientOptions = {}) {
    this.options = options;
  }

  /** S3 with path-style addressing when an endpoint is given, following region redirects otherwise. */
  s3(region?: string): S3Client {
    return this.#get(`s3:${region ?? ''}`, () => {
      const config = baseClientConfig(this.options, region);
      return new S3Client({
        ...config,
        forcePathStyle: this.options.endpointUrl !== undefined,
        followRegionRedirects: true,
      });
    });
  }

  cloudTrail(region?: string): CloudTrailClient {
    return this.#get(
      `cloudtrail:${region ?? ''}`,
      () => new CloudTrailClient(baseClientConfig(this.options, region)),
    );
  }

  athena(region?: string): AthenaClient {
    return this.#get(
      `athena:${region ?? ''}`,
      () => new AthenaClient(baseClientConfig(this.options, region)),
    );
  }

  /** Destroys every client built (closes their sockets). */
  close(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }

  #get<T extends { destroy(): void }>(key: string, build: () => T): T {
    const existing = this.#clients.get(key);
    if (existing) return existing as T;
    const client = build();
    this.#clients.set(key, client);
    return client;
  }
}

/** The region a client resolved (from options or the SDK chain), or "unknown" when none. */
export async function resolvedRegion(client: { config: { region: () => Promise<string> } }): Promise<string> {
  try {
    return await client.config.region();
  } catch {
    return 'unknown';
  }
}
