import { AwsClients, type AwsClientOptions, type RetryStrategyOption } from '../../src/aws/clients.ts';

/** Static fake credentials: tests never sign for a real account. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' };

/** Retries after 1 ms (throttling included), at most `maxAttempts` attempts in all. */
export function fastRetries(maxAttempts = 4): RetryStrategyOption {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 1 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const count = previous.getRetryCount() + 1;
      if (info.errorType === 'CLIENT_ERROR' || count >= maxAttempts)
        throw info.error ?? new Error('no more retries');
      return token(count);
    },
    recordSuccess: () => undefined,
  };
}

/** Clients pointed at a local endpoint with fake credentials and fast retries. */
export function localClients(endpoint: string, extra: AwsClientOptions = {}): AwsClients {
  return new AwsClients({
    region: 'eu-west-1',
    endpointUrl: endpoint,
    credentials: TEST_CREDENTIALS,
    retryStrategy: fastRetries(),
    ...extra,
  });
}

/** Records each command a client sends (name and input), through its middleware stack. */
export function recordCommands(client: {
  middlewareStack: { add: (mw: never, options: { step: 'initialize' }) => void };
}): { name: string; input: Record<string, unknown> }[] {
  const seen: { name: string; input: Record<string, unknown> }[] = [];
  const middleware =
    (
      next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
      context: { commandName?: string },
    ) =>
    async (args: { input: Record<string, unknown> }) => {
      seen.push({ name: context.commandName ?? '?', input: args.input });
      return next(args);
    };
  client.middlewareStack.add(middleware as never, { step: 'initialize' });
  return seen;
}
