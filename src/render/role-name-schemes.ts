import { pascal, terraformIdentifier } from './identifiers.ts';
import type { NameScheme } from './role-names.ts';

/** The index that `--out` writes next to the policies; no role's file may take its name. */
export const INDEX_FILE = 'index.json';

const MAX_FILE_STEM = 100;

/**
 * A file-name stem from untrusted text: IAM name characters except `.` (so a stem never looks like
 * a qualified name or carries an extension), no leading `_`, bounded length, `policy` when empty.
 */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9+=,@_-]/g, '_').replace(/^[_.]+/, '');
  return (cleaned || 'policy').slice(0, MAX_FILE_STEM);
}

/** `worker.json`; on a clash `worker.111111111111.json`; split parts `worker.part1.json`, ... */
export function fileNameScheme(extension: string): NameScheme {
  return {
    stem: safeFileName,
    names: (stem, qualifiers, parts) =>
      withParts([stem, ...qualifiers].join('.'), parts, (i) => `.part${i}`).map((n) => `${n}${extension}`),
    reserved: [INDEX_FILE],
  };
}

/** `data "aws_iam_policy_document" "worker"`; on a clash `worker_111111111111`; parts `worker_part1`. */
export const TERRAFORM_LABELS: NameScheme = {
  stem: terraformIdentifier,
  names: (stem, qualifiers, parts) => withParts([stem, ...qualifiers].join('_'), parts, (i) => `_part${i}`),
};

/** `WorkerPolicy`; on a clash `Worker111111111111Policy`; parts `WorkerPart1Policy` (suffix per resource kind). */
export function logicalIdScheme(suffix: string): NameScheme {
  return {
    stem: (name) => (pascal(name) || 'Tightrole').slice(0, 150),
    names: (stem, qualifiers, parts) =>
      withParts([stem, ...qualifiers].join(''), parts, (i) => `Part${i}`).map((n) => `${n}${suffix}`),
  };
}

function withParts(base: string, parts: number, part: (i: number) => string): string[] {
  if (parts <= 1) return [base];
  return Array.from({ length: parts }, (_, i) => `${base}${part(i + 1)}`);
}
