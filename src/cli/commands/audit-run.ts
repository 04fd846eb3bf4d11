import { audit } from '../../app/audit.ts';
import { accountReaders, type AccountSource } from '../../app/readers.ts';
import type { AwsClientOptions } from '../../aws/clients.ts';
import { shellWord } from '../../audit/rank.ts';
import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { roleNameOf } from '../../ingest/principal.ts';
import type { Arn } from '../../model/identifiers.ts';
import { renderAuditJson } from '../../render/audit-json.ts';
import { renderAuditMarkdown } from '../../render/audit-markdown.ts';
import { renderAuditText } from '../../render/audit-text.ts';
import { evidenceOptions, ingestOptions } from '../evidence-options.ts';
import { warn, type CliIo } from '../io.ts';
import { printIngestSummary } from '../summary.ts';
import type { AuditArgs } from './audit.ts';

/** Flags -> one `audit` call -> the ranking on stdout; input problems on stderr. */
export async function runAudit(args: AuditArgs, io: CliIo): Promise<number> {
  const evidence = evidenceOptions({ ...args, role: [] }, io);
  if ((args.role ?? []).length > 0) throw new UsageError('audit ranks every role: --role does not apply');
  const client = evidence.aws?.client ?? {};
  const iam = source('iam', args.iam, args['iam-from-api'], client);
  const lambda = source('lambda', args.lambda, args['lambda-from-api'], client);
  const result = await audit(
    {
      ...evidence,
      strict: args.strict,
      diffCommand: diffCommandFor(args),
    },
    {
      catalog: new Catalog(iamDataSource()),
      readStdin: io.readStdin,
      ...ingestOptions(args),
      onProblem: (file, reason) => warn(io, `${file}: ${reason}`),
      onWarning: (message: string) => warn(io, message),
      // Lambda API: the regions to list (default: the client's region).
      ...accountReaders(iam, lambda, args.region ?? []),
    },
  );
  for (const problem of result.problems) warn(io, problem);
  printIngestSummary(io, result.ingest, result.model.entries.filter((e) => e.calls > 0).length);
  if (args.format === 'json') io.stdout(renderAuditJson(result));
  else if (args.format === 'markdown') io.stdout(renderAuditMarkdown(result));
  else io.stdout(renderAuditText(result, { colour: io.stdoutIsTty && !io.env['NO_COLOR'] }));
  return EXIT.ok;
}

function source(
  flag: 'iam' | 'lambda',
  files: readonly string[] | undefined,
  fromApi: boolean,
  client: AwsClientOptions,
): AccountSource {
  const given = (files ?? []).length > 0;
  if (given === fromApi)
    throw new UsageError(
      `give the ${flag === 'iam' ? 'IAM state' : 'Lambda configuration'} with --${flag} FILE... or --${flag}-from-api (one of them)`,
    );
  return given ? { kind: 'files', files: files! } : { kind: 'api', client };
}

/** The `tightrole diff` command that fixes one role, with the evidence flags this run was given. */
function diffCommandFor(args: AuditArgs): (role: Arn) => string {
  const evidence = [
    ...(args.cloudtrail ?? []).flatMap((p) => ['--cloudtrail', p]),
    ...(args.xray ?? []).flatMap((p) => ['--xray', p]),
    ...(args.otel ?? []).flatMap((p) => ['--otel', p]),
    ...(args['cloudtrail-api'] ? ['--cloudtrail-api'] : []),
  ];
  const current = args['iam-from-api']
    ? ['--current-from-iam']
    : (args.iam ?? []).flatMap((p) => ['--current', p]);
  return (role) =>
    ['tightrole', 'diff', ...evidence, '--role', roleNameOf(role), ...current].map(shellWord).join(' ');
}
