import { reduceOptions } from '../reduce-flags.ts';
import { diff } from '../../app/diff.ts';
import { currentPoliciesReader, type CurrentSource } from '../../app/readers.ts';
import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { renderDiffJson } from '../../render/diff-json.ts';
import { renderDiffMarkdown } from '../../render/diff-markdown.ts';
import { renderDiffText } from '../../render/diff-text.ts';
import type { EvidenceOptions } from '../../app/evidence.ts';
import { evidenceOptions, ingestOptions } from '../evidence-options.ts';
import { warn, type CliIo } from '../io.ts';
import { printIngestSummary } from '../summary.ts';
import { progressPrinter } from '../progress.ts';
import { inputUnit } from '../../app/why-empty.ts';
import type { DiffArgs } from './diff.ts';
import { functionKnowledgeOptions } from '../function-flags.ts';

/** Flags -> one `diff` call -> the chosen rendering on stdout; exit 3 on changes with --exit-code. */
export async function runDiff(args: DiffArgs, io: CliIo): Promise<number> {
  const evidence = evidenceOptions(args, io);
  if (evidence.roles.length !== 1)
    throw new UsageError('diff compares one role: give exactly one --role NAME|ARN');
  const current = currentSource(args, evidence);
  const { diff: result, report } = await diff(
    {
      ...evidence,
      strict: args.strict,
      reduce: reduceOptions(args),
      keepNotVisible: args['keep-not-visible'],
      functionKnowledge: functionKnowledgeOptions(args, evidence),
    },
    {
      catalog: new Catalog(iamDataSource()),
      readStdin: io.readStdin,
      ...ingestOptions(args),
      ...progressPrinter(io),
      onProblem: (file, reason) => warn(io, `${file}: ${reason}`),
      onWarning: (message: string) => warn(io, message),
      readCurrent: currentPoliciesReader(current),
    },
  );
  printIngestSummary(io, report.ingest, 1, inputUnit(evidence));
  if (args.format === 'json') io.stdout(renderDiffJson(result));
  else if (args.format === 'markdown') io.stdout(renderDiffMarkdown(result));
  else io.stdout(renderDiffText(result, { colour: io.stdoutIsTty && !io.env['NO_COLOR'] }));
  return args['exit-code'] && result.changed ? EXIT.changes : EXIT.ok;
}

function currentSource(args: DiffArgs, evidence: EvidenceOptions): CurrentSource {
  const files = args.current ?? [];
  if (files.length > 0 === args['current-from-iam'])
    throw new UsageError(
      'give the current policies with --current FILE... or --current-from-iam (one of them)',
    );
  if (files.length > 0) return { kind: 'files', files };
  return { kind: 'iam', client: evidence.aws?.client ?? {} };
}
