import type { Argv } from 'yargs';
import { UsageError } from '../../errors.ts';
import type { CliIo } from '../io.ts';
import { evidenceFlags, type EvidenceArgs } from '../evidence-flags.ts';

export interface GenerateArgs extends EvidenceArgs {
  format: string;
  out?: string | undefined;
  report?: string | undefined;
  'include-denied': boolean;
  strict: boolean;
  explain: boolean;
}

export function generateCommand(io: CliIo, setExit: (code: number) => Promise<void> | void) {
  return {
    command: 'generate',
    describe: 'Write the least IAM policy each role needs, from what it actually did',
    builder: (y: Argv) =>
      evidenceFlags(y)
        .option('format', { choices: ['json'], default: 'json', describe: 'Output format' })
        .option('out', { type: 'string', describe: 'Write one file per role into DIR (created if missing) instead of stdout' })
        .option('report', { type: 'string', describe: 'Write the run report (ingest counts, skips, per-action calls) as JSON to FILE' })
        .option('include-denied', { type: 'boolean', default: false, describe: 'Also allow calls refused with AccessDenied' })
        .option('strict', { type: 'boolean', default: false, describe: 'Fail (exit 1) on any unreadable file or bad record' })
        .option('explain', { type: 'boolean', default: false, describe: 'Print, per statement, the calls behind it (stderr)' })
        .example('$0 generate --cloudtrail samples/cloudtrail', 'one policy per role seen, as a JSON map')
        .example('$0 generate --cloudtrail logs/ --role orders-api-role > policy.json', 'one role: a bare policy document')
        .example('$0 generate --cloudtrail logs/ --since 7d --out policies/', 'one file per role'),
    handler: async (args: GenerateArgs) => {
      const { runGenerate } = await import('./generate-run.ts');
      await setExit(await runGenerate(args, io));
    },
  };
}

export function assertFormat(format: string): asserts format is 'json' {
  if (format !== 'json') throw new UsageError(`--format ${format} is not supported`);
}
