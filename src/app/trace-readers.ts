import type { AwsClientOptions } from '../aws/clients.ts';
import type { TracePorts } from './ports.ts';

// Apart from app/readers.ts: evidence.ts imports this on every run, and the account readers'
// file parsers (ajv, the HCL parser) must load only for the commands that read those files.

/** The real trace ports: SDK clients built from `client`, the SDK loaded only when one is opened. */
export function traceReaders(client: AwsClientOptions): TracePorts {
  return {
    openXRay: async () => (await import('../aws/xray.ts')).xrayApi(client),
    openLambdaRoles: async () => (await import('../aws/lambda.ts')).lambdaRoleApi(client),
  };
}
