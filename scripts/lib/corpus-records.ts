import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import YAML from 'yaml';
import { extractRecords } from '../../src/sources/decode/cloudtrail-shapes.ts';

/** The shared corpora beside the repo, when present (tests and scripts only; the product never reads it). */
export const CORPORA = new URL('../../../shared/corpora/', import.meta.url).pathname;

export interface CorpusRecord {
  file: string;
  index: number;
  record: Record<string, unknown>;
}

/** Every CloudTrail record in the corpora: JSON (any accepted shape), .json.gz, and Panther's YAML `Tests[].Log`. */
export function corpusCloudTrailRecords(root = CORPORA): CorpusRecord[] {
  const out: CorpusRecord[] = [];
  for (const path of walk(root)) {
    const file = relative(root, path);
    if (
      /managedPolicies|xray|otel-collector-contrib\/receiver|map\.json|iam-policy|cloudsplaining|AirIAM|placebo|policy-to-guess|iam-policies/.test(
        file,
      )
    )
      continue;
    const docs = parse(path);
    const found = docs.flatMap((doc) => findRecords(doc));
    found.forEach((record, index) => out.push({ file, index, record }));
  }
  return out;
}

function parse(path: string): unknown[] {
  try {
    if (path.endsWith('.json.gz')) return [JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'))];
    if (path.endsWith('.json')) return [JSON.parse(readFileSync(path, 'utf8'))];
    if (path.endsWith('.yml') || path.endsWith('.yaml')) {
      const spec = YAML.parse(readFileSync(path, 'utf8')) as { Tests?: { Log?: unknown }[] } | null;
      return (spec?.Tests ?? []).map((t) => t.Log);
    }
  } catch {
    return [];
  }
  return [];
}

function findRecords(doc: unknown): Record<string, unknown>[] {
  const { records } = extractRecords(doc);
  return records.filter(
    (r): r is Record<string, unknown> =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as Record<string, unknown>)['eventSource'] === 'string',
  );
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    })
    .filter(
      (p) =>
        (/\.(json|json\.gz|ya?ml)$/.test(p) && !/\.json\.gz$/.test(p.replace(/\.gz$/, '') + '')) ||
        /\.json\.gz$/.test(p),
    );
}
