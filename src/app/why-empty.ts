import { InputError } from '../errors.ts';
import type { IngestReport } from '../model/observation.ts';
import { isBadRecordReason, type SkipReason } from '../model/skip-reason.ts';
import { roleNameOf } from '../ingest/principal.ts';
import type { EvidenceOptions } from './evidence.ts';

/** What a run read, as the summary line and the errors should call it: files, or API result pages. */
export function inputUnit(options: Pick<EvidenceOptions, 'cloudtrail' | 'aws' | 'traces'>): string {
  const api = options.aws?.lookup
    ? 'LookupEvents page(s)'
    : options.aws?.lake || options.aws?.athena
      ? 'query result page(s)'
      : undefined;
  if (!api) return 'file(s)';
  return options.cloudtrail.length > 0 || options.traces ? `file(s) or ${api}` : api;
}

/** How many records were bad, by reason (`--strict` counts these with unreadable files). */
export function badRecordCount(report: Pick<IngestReport, 'skipped'>): number {
  return report.skipped.filter((s) => isBadRecordReason(s.reason)).reduce((n, s) => n + s.count, 0);
}

/**
 * The run's two input verdicts, in order: under `--strict`, any unreadable file or bad record fails it
 * (what the flag promises); then no selected role with a successful call fails it, saying why.
 */
export function assertUsableEvidence(
  options: EvidenceOptions & { strict: boolean },
  report: IngestReport,
  fileProblems: number,
  roles: number,
): void {
  const bad = badRecordCount(report);
  if (options.strict && fileProblems + bad > 0)
    throw new InputError(
      `--strict: ${fileProblems} unreadable file problem(s) and ${bad} bad record(s)` +
        (bad > 0 ? ` (${badReasons(report)})` : '') +
        '; see the messages above and --report',
    );
  if (roles === 0) throw new InputError(explainNoCalls(options, report));
}

function badReasons(report: IngestReport): string {
  return report.skipped
    .filter((s) => isBadRecordReason(s.reason))
    .map((s) => `${s.count} ${s.reason}`)
    .join(', ');
}

/**
 * Why a run found no successful call: one message naming the likeliest causes it can prove from the
 * counts: an empty `s3://` listing, a time window that excluded records, a `--role` written with a
 * path segment missing, records that were all malformed (with the first reason), or simply no calls.
 */
export function explainNoCalls(options: EvidenceOptions, report: IngestReport): string {
  const what = options.roles.length > 0 ? `for role(s) ${options.roles.join(', ')}` : 'for any role';
  return withReasons(`no successful calls ${what}`, options, report);
}

/** `roles` found no role session at all: the same causes, proven from the same counts. */
export function explainNoRoles(options: EvidenceOptions, report: IngestReport): string {
  return withReasons('no role made a call', options, report);
}

function withReasons(what: string, options: EvidenceOptions, report: IngestReport): string {
  const head = `${what} in ${report.records} record(s) from ${report.files} ${inputUnit(options)}`;
  const reasons = [
    emptyListing(options, report),
    outsideWindow(options, report),
    roleWithoutPath(options, report),
    allMalformed(report),
  ].filter((r): r is string => r !== undefined);
  return reasons.length > 0 ? `${head}: ${reasons.join('; ')}` : head;
}

const skip = (report: IngestReport, reason: SkipReason) => report.skipped.find((s) => s.reason === reason);

function emptyListing(options: EvidenceOptions, report: IngestReport): string | undefined {
  const s3 = options.cloudtrail.filter((p) => p.startsWith('s3://'));
  if (s3.length === 0 || report.files > 0) return undefined;
  return `listing ${s3.join(', ')} found no objects (check the bucket, the prefix and --account/--region)`;
}

function outsideWindow(options: EvidenceOptions, report: IngestReport): string | undefined {
  if (!options.since && !options.until) return undefined;
  const window = `${options.since ?? 'the beginning'} .. ${options.until ?? 'now'}`;
  const outside = skip(report, 'outside-time-window');
  // Files whose delivery time (in the CloudTrail file name) proves them outside the window are never
  // opened, so a window past the data reads no file at all.
  if (!outside && report.files === 0 && options.cloudtrail.length > 0)
    return `no file's delivery time falls in the window ${window} (CloudTrail file names carry it); widen --since/--until`;
  if (!outside) return undefined;
  return `${outside.count} record(s) fell outside the window ${window} (e.g. ${outside.example ?? 'n/a'})`;
}

/** `role/orders-api-role` or `orders-api-role` given, `role/service-role/orders-api-role` seen. */
function roleWithoutPath(options: EvidenceOptions, report: IngestReport): string | undefined {
  const seen = skip(report, 'role-not-selected')?.example?.match(/(arn:[^\s]+:role\/\S+)$/)?.[1];
  const wanted = seen
    ? options.roles.find((r) => roleNameOf(r).toLowerCase() === roleNameOf(seen).toLowerCase())
    : undefined;
  if (!seen || !wanted) {
    // The example is one skipped record's role, often another role: without it, a --role written as a
    // path (`role/x`, not an ARN) still deserves the hint, since a bare name matches the role at any path.
    const pathLike = options.roles.find((r) => !r.startsWith('arn:') && r.includes('/'));
    return pathLike === undefined || report.records === 0
      ? undefined
      : `--role ${pathLike} matches no role: pass the name alone (--role ${roleNameOf(pathLike)}), which matches it at any path, or its full ARN from \`tightrole roles\``;
  }
  return `--role ${wanted} matches no role, but the logs have ${seen}: pass --role ${roleNameOf(seen)} (the name) or that full ARN`;
}

function allMalformed(report: IngestReport): string | undefined {
  const bad = badRecordCount(report);
  if (bad === 0 || bad < report.records) return undefined;
  const first = report.skipped
    .filter((s) => isBadRecordReason(s.reason))
    .sort((a, b) => b.count - a.count)[0]!;
  return `all ${bad} record(s) were malformed (${first.reason}: ${first.example ?? 'n/a'})`;
}
