import { reduceOptions } from '../reduce-flags.ts';
import { stat, writeFile } from 'node:fs/promises';
import { generate } from '../../app/generate.ts';
import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { safeJson } from '../../render/json.ts';
import { renderForStdout, renderPerRole, splitNotice, type OutputOptions } from '../../app/render-output.ts';
import { writeOutputFiles } from '../../sinks/out-dir.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { inputUnit } from '../../app/why-empty.ts';
import { progressPrinter } from '../progress.ts';
import { warn, type CliIo } from '../io.ts';
import { evidenceOptions, ingestOptions } from '../evidence-options.ts';
import { printExplain, printIngestSummary } from '../summary.ts';
import type { GenerateArgs } from './generate.ts';
import { functionKnowledgeOptions } from '../function-flags.ts';

export async function runGenerate(args: GenerateArgs, io: CliIo): Promise<number> {
  const evidence = evidenceOptions(args, io);
  if (args.out) await assertFolderOrAbsent(args.out);
  const catalog = new Catalog(iamDataSource());
  const { results, report } = await generate(
    {
      ...evidence,
      strict: args.strict,
      reduce: reduceOptions(args),
      functionKnowledge: functionKnowledgeOptions(args, evidence),
    },
    {
      catalog,
      readStdin: io.readStdin,
      ...ingestOptions(args),
      ...progressPrinter(io),
      onWarning: (message: string) => warn(io, message),
      onProblem: (file, reason) => warn(io, `${file}: ${reason}`),
    },
  );
  printIngestSummary(io, report.ingest, results.length, inputUnit(evidence));
  const output: OutputOptions = {
    format: args.format,
    terraformResource: args['terraform-resource'],
    cloudformationResource: args['cloudformation-resource'],
  };
  for (const r of results) {
    if (r.documents.length > 1) warn(io, splitNotice(r, output));
    for (const w of r.widenings)
      warn(io, `--compact widened ${w.actions.join(', ')}: ${w.removed.length} resources -> ${w.added}`);
  }
  if (args.explain) printExplain(io, results);
  if (args.report) await writeFile(args.report, `${safeJson(report)}\n`);
  if (args.out) {
    const files = renderPerRole(results, output);
    const written = await writeOutputFiles(args.out, files);
    written.forEach((path, i) => {
      const role = files[i]?.role;
      warn(io, role === undefined ? `wrote ${path}` : `wrote ${path} (${role})`);
    });
  } else {
    io.stdout(renderForStdout(results, output));
  }
  return EXIT.ok;
}

/** `--out` names a folder: said before a long run, not as a crash after it. */
async function assertFolderOrAbsent(path: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found && !found.isDirectory())
    throw new UsageError(
      `--out ${path}: is a file; --out names a folder (created if missing) for one file per role`,
    );
}
