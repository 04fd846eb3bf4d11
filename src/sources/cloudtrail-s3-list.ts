import type { S3ObjectInfo, S3Reader } from '../aws/s3.ts';
import { advance, layoutPosition, type LayoutLevel, type S3Location } from './cloudtrail-s3-layout.ts';
import { dateFolderInRange, dayRange, enumerateDays, type DayRange } from './cloudtrail-s3-days.ts';
import { fileOutsideWindow } from './expand-paths.ts';
import type { TimeWindow } from '../model/time-window.ts';

/** What narrows the listing: the time window, accounts and regions (empty = all). */
export interface TrailSelection extends TimeWindow {
  accounts?: readonly string[];
  regions?: readonly string[];
}

const EVIDENCE_FILE = /\.(?:json|jsonl|ndjson)(?:\.gz)?$/i;

interface Walk {
  reader: S3Reader;
  bucket: string;
  selection: TrailSelection;
  range: DayRange;
}

/**
 * The trail's objects that the selection can need, sorted by key. Lists only the folders the
 * selection leaves open: given accounts and regions are not listed, and a bounded window of at most
 * 62 days goes straight to its day folders. A prefix outside the CloudTrail layout is listed whole.
 */
export async function listTrailObjects(
  reader: S3Reader,
  where: S3Location,
  selection: TrailSelection,
): Promise<S3ObjectInfo[]> {
  const memo = memoizedPrefixes(reader);
  const walk: Walk = {
    reader: memo,
    bucket: where.bucket,
    selection,
    range: dayRange(selection.since, selection.until),
  };
  let position = layoutPosition(where.prefix);
  let root = where.prefix;
  if (!position && (await memo.listPrefixes(where.bucket, `${where.prefix}AWSLogs/`)).length > 0) {
    root = `${where.prefix}AWSLogs/`;
    position = { level: 'top', date: [] };
  }
  const folders = position ? await expand(walk, root, position.level, position.date) : [root];
  const objects: S3ObjectInfo[] = [];
  for (const folder of folders) objects.push(...(await reader.listObjects(where.bucket, folder)));
  return objects
    .filter((o) => EVIDENCE_FILE.test(o.key) && !fileOutsideWindow(o.key, selection))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The folders to list under `prefix`, which sits at `level` with `date` folders already chosen. */
async function expand(walk: Walk, prefix: string, level: LayoutLevel, date: string[]): Promise<string[]> {
  if (level === 'files') return [prefix];
  if (level === 'service') return expand(walk, `${prefix}CloudTrail/`, 'region', date);
  if (level === 'year' && date.length === 0) {
    const days = enumerateDays(walk.range);
    if (days) return days.map((day) => `${prefix}${day}/`);
  }
  const out: string[] = [];
  for (const child of await children(walk, prefix, level, date)) {
    const next = advance(level, child);
    if (!next) continue;
    const childDate = ['year', 'month', 'day'].includes(level) ? [...date, child] : date;
    out.push(...(await expand(walk, `${prefix}${child}/`, next, childDate)));
  }
  return out;
}

/** The child folder names to follow: given ones without listing, else listed and pruned. */
async function children(walk: Walk, prefix: string, level: LayoutLevel, date: string[]): Promise<string[]> {
  const { accounts = [], regions = [] } = walk.selection;
  if (level === 'account' && accounts.length > 0) return [...accounts];
  if (level === 'region' && regions.length > 0) return [...regions];
  const names = (await walk.reader.listPrefixes(walk.bucket, prefix)).map((p) => p.slice(prefix.length, -1));
  if (level === 'top' && accounts.length > 0)
    return names.filter((n) => n.startsWith('o-') || accounts.includes(n));
  if (level === 'year' || level === 'month' || level === 'day') {
    return names.filter((n) => dateFolderInRange([...date, n].join('/'), walk.range));
  }
  return names;
}

/** The reader, listing each folder's sub-folders once (the layout probe and the walk share it). */
function memoizedPrefixes(reader: S3Reader): S3Reader {
  const seen = new Map<string, Promise<string[]>>();
  return {
    listObjects: (bucket, prefix) => reader.listObjects(bucket, prefix),
    getObject: (bucket, key) => reader.getObject(bucket, key),
    listPrefixes(bucket, prefix) {
      const key = `${bucket}/${prefix}`;
      if (!seen.has(key)) seen.set(key, reader.listPrefixes(bucket, prefix));
      return seen.get(key)!;
    },
  };
}
