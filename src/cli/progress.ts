import { formatProgress, type TransferProgress } from '../sources/progress.ts';
import type { CliIo } from './io.ts';

const EVERY_MS = 250;

/**
 * A progress line on stderr (files, MB, events/s, ETA), redrawn in place at most four times a
 * second — only when stderr is a terminal; silent otherwise (logs and CI stay clean).
 */
export function progressPrinter(io: CliIo): { onProgress?: (p: TransferProgress) => void } {
  if (!io.stderrIsTty) return {};
  let last = 0;
  return {
    onProgress: (p) => {
      const done = p.files === p.totalFiles;
      if (!done && p.elapsedMs - last < EVERY_MS) return;
      last = p.elapsedMs;
      io.stderr(`\r${formatProgress(p)}\u001b[K${done ? '\n' : ''}`);
    },
  };
}
