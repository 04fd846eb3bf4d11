import { boundary } from '../../app/boundary.ts';
import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { renderBoundary } from '../../render/boundary-output.ts';
import { asInputError } from '../../app/render-output.ts';
import { evidenceOptions, ingestOptions } from '../evidence-options.ts';
import { warn, type CliIo } from '../io.ts';
import { reduceOptions } from '../reduce-flags.ts';
import { printIngestSummary } from '../summary.ts';
import type { BoundaryArgs } from './boundary.ts';

// IAM managed policy names: 1-128 of [\w+=,.@-] (IAM User Guide, IAM identifiers / quotas).
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

/** Flags -> one `boundary` call -> the boundary on stdout; `--explain` and the proof on stderr. */
export async function runBoundary(args: BoundaryArgs, io: CliIo): Promise<number> {
  if (!POLICY_NAME.test(args.name))
    throw new UsageError('--name must be an IAM policy name: 1-128 letters, digits and +=,.@_-');
  const evidence = evidenceOptions(args, io);
  const result = await boundary(
    {
      ...evidence,
      strict: args.strict,
      reduce: reduceOptions(args),
      serviceLevel: args['service-level'],
      policyName: args.name,
      ...(args['role-pattern'] !== undefined ? { rolePattern: args['role-pattern'] } : {}),
    },
    {
      catalog: new Catalog(iamDataSource()),
      readStdin: io.readStdin,
      ...ingestOptions(args),
      onProblem: (file, reason) => warn(io, `${file}: ${reason}`),
      onWarning: (message: string) => warn(io, message),
    },
  );
  printIngestSummary(io, result.report.ingest, result.roles.length);
  warn(
    io,
    `boundary for ${result.roles.length} role(s) proven: ${result.proof.requestsAllowed} observed request(s) still allowed, ${result.proof.requestsDenied} escalation/boundary-change request(s) explicitly denied`,
  );
  if (args.explain) {
    for (const role of result.roles) warn(io, `role: ${role}`);
    for (const part of result.boundary.parts) warn(io, `  ${part.sid}: ${part.why}`);
  }
  io.stdout(asInputError(() => renderBoundary(result.boundary.document, args.name, args.format)));
  return EXIT.ok;
}
