import { writeFile } from 'node:fs/promises';
import { generate } from '../../app/generate.ts';
import { Catalog } from '../../catalog/catalog.ts';
import { iamDataSource } from '../../catalog/iam-data-source.ts';
import { DEFAULT_REDUCE_OPTIONS } from '../../reduce/options.ts';
import type { ReduceResult } from '../../reduce/reduce.ts';
import { renderPolicyJson, renderPolicyMapJson } from '../../render/json.ts';
import { roleNameOf } from '../../ingest/principal.ts';
import { writeOutputFiles } from '../../sinks/out-dir.ts';
import { EXIT } from '../../errors.ts';
import { warn, type CliIo } from '../io.ts';
import { evidenceOptions } from '../evidence-flags.ts';
import { printExplain, printIngestSummary } from '../summary.ts';
import type { GenerateArgs } from './generate.ts';

export async function runGenerate(args: GenerateArgs, io: CliIo): Promise<number> {
  const evidence = evidenceOptions(args, io);
  const catalog = new Catalog(iamDataSource());
  const { results, report } = await generate(
    { ...evidence, strict: args.strict, reduce: { ...DEFAULT_REDUCE_OPTIONS, includeDenied: args['include-denied'] } },
    { catalog, readStdin: io.readStdin, onProblem: (file, reason) => warn(io, `${file}: ${reason}`) },
  );
  printIngestSummary(io, report.ingest, results.length);
  if (args.explain) printExplain(io, results);
  if (args.report) await writeFile(args.report, `${JSON.stringify(report, null, 2)}\n`);
  if (args.out) {
    const written = await writeOutputFiles(
      args.out,
      results.map((r) => ({ name: roleNameOf(r.principal), extension: '.json', content: renderPolicyJson(r.policy) })),
    );
    for (const path of written) warn(io, `wrote ${path}`);
  } else {
    io.stdout(renderResults(results));
  }
  return EXIT.ok;
}

function renderResults(results: ReduceResult[]): string {
  if (results.length === 1) return renderPolicyJson(results[0]!.policy);
  return renderPolicyMapJson(new Map(results.map((r) => [r.principal, r.policy])));
}
