import { UsageError } from '../errors.ts';

/** `s3://bucket/prefix` split; the prefix is "" or ends with "/" (a folder, never a partial name). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

// Bucket naming rules (S3 User Guide, "Bucket naming rules"): 3-63 of [a-z0-9.-], plus legacy caps/_.
const BUCKET = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,254}$/;

/** Parses `s3://bucket[/prefix]`; a prefix is treated as a folder. */
export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!m || !BUCKET.test(m[1]!)) throw new UsageError(`${url}: expected s3://bucket/prefix`);
  const raw = m[2] ?? '';
  return { bucket: m[1]!, prefix: raw === '' || raw.endsWith('/') ? raw : `${raw}/` };
}

/** Where a prefix sits in `AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. */
export type LayoutLevel = 'top' | 'account' | 'service' | 'region' | 'year' | 'month' | 'day' | 'files';

export interface LayoutPosition {
  level: LayoutLevel;
  /** Date folders already in the prefix, e.g. ["2026", "11"]. */
  date: string[];
}

const NEXT: Record<LayoutLevel, LayoutLevel> = {
  top: 'service',
  account: 'service',
  service: 'region',
  region: 'year',
  year: 'month',
  month: 'day',
  day: 'files',
  files: 'files',
};

/** The layout level a user's prefix reaches, or undefined when it is not the CloudTrail layout. */
export function layoutPosition(prefix: string): LayoutPosition | undefined {
  const at = `/${prefix}`.lastIndexOf('/AWSLogs/');
  if (at < 0) return undefined;
  const position: LayoutPosition = { level: 'top', date: [] };
  for (const segment of prefix
    .slice(at + 'AWSLogs/'.length)
    .split('/')
    .filter(Boolean)) {
    const next = advance(position.level, segment);
    if (!next) return undefined;
    if (['year', 'month', 'day'].includes(position.level)) position.date.push(segment);
    position.level = next;
  }
  return position;
}

/** The level after `segment` at `level`, or undefined when the segment does not fit the layout. */
export function advance(level: LayoutLevel, segment: string): LayoutLevel | undefined {
  if (level === 'top' && /^o-[a-z0-9]{10,32}$/.test(segment)) return 'account';
  if ((level === 'top' || level === 'account') && !/^\d{12}$/.test(segment)) return undefined;
  if (level === 'service' && segment !== 'CloudTrail') return undefined;
  if (level === 'year' && !/^\d{4}$/.test(segment)) return undefined;
  if ((level === 'month' || level === 'day') && !/^\d{2}$/.test(segment)) return undefined;
  return NEXT[level];
}
