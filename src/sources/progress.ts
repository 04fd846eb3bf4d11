/** Where a download stands; `elapsedMs` since it began. */
export interface TransferProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  events: number;
  /** Files served from the local cache (no download). */
  cached: number;
  elapsedMs: number;
}

const MB = 1024 * 1024;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Remaining time at the byte rate so far, or undefined before there is a rate. */
export function etaMs(p: TransferProgress): number | undefined {
  if (p.bytes === 0 || p.elapsedMs === 0) return undefined;
  return ((p.totalBytes - p.bytes) * p.elapsedMs) / p.bytes;
}

/** One status line: `12/340 files (3 cached), 3.4/120.0 MB, 1234 events/s, ETA 2m10s`. Pure. */
export function formatProgress(p: TransferProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.events * 1000) / p.elapsedMs) : 0;
  const eta = etaMs(p);
  return [
    `${p.files}/${p.totalFiles} files${p.cached ? ` (${p.cached} cached)` : ''}`,
    `${(p.bytes / MB).toFixed(1)}/${(p.totalBytes / MB).toFixed(1)} MB`,
    `${rate} events/s`,
    ...(eta !== undefined && p.files < p.totalFiles ? [`ETA ${duration(eta)}`] : []),
  ].join(', ');
}
