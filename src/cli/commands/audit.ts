import type { Argv } from 'yargs';
import type { CliIo } from '../io.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';

export interface AuditArgs extends EvidenceArgs {
  iam?: string[] | undefined;
  'iam-from-api': boolean;
  lambda?: string[] | undefined;
  'lambda-from-api': boolean;
  format: 'text' | 'markdown' | 'json';
  strict: boolean;
}

const ACCOUNT = 'Account:';

/** `tightrole audit`: every role ranked by how exposed its functions are x how much it grants unused. */
export function auditCommand(io: CliIo, setExit: (code: number) => Promise<void> | void) {
  return {
    command: 'audit',
    describe: "Rank the account's roles by exposure (how functions are reached) x unused privilege",
    builder: (y: Argv) =>
      evidenceFlags(y)
        .option('iam', {
          type: 'string',
          array: true,
          describe: 'aws iam get-account-authorization-details output (file or directory of *.json)',
          group: ACCOUNT,
        })
        .option('iam-from-api', {
          type: 'boolean',
          default: false,
          describe: 'Read the roles and policies with IAM GetAccountAuthorizationDetails',
          group: ACCOUNT,
        })
        .option('lambda', {
          type: 'string',
          array: true,
          describe:
            'Lambda list-functions, list-event-source-mappings, get-policy, get-function-url-config / list-function-url-configs outputs (files or directories)',
          group: ACCOUNT,
        })
        .option('lambda-from-api', {
          type: 'boolean',
          default: false,
          describe:
            'Read functions, event sources, resource policies and URLs from the Lambda API (each --region)',
          group: ACCOUNT,
        })
        .option('format', {
          choices: ['text', 'markdown', 'json'] as const,
          default: 'text' as const,
          describe: 'text (terminal), markdown (an issue comment) or json (schemas/audit.schema.json)',
        })
        .option('strict', {
          type: 'boolean',
          default: false,
          describe: 'Fail on any unreadable file or malformed entry',
        })
        .example("# rank the sample account's roles (the bundled samples/, no AWS account)", '')
        .example('$0 audit --cloudtrail samples/cloudtrail --lambda samples/account/lambda \\', '')
        .example('--iam samples/account/iam-authorization-details.json', '')
        .example('# read the account live', '')
        .example('$0 audit --cloudtrail logs/ --iam-from-api --lambda-from-api --region eu-west-1', ''),
    handler: async (args: AuditArgs) => {
      const { runAudit } = await import('./audit-run.ts');
      await setExit(await runAudit(args, io));
    },
  };
}
