import type { FileBatch } from '../sources/cloudtrail-files.ts';

/** What a file read adds to the progress line: one file, its bytes, its records. */
export interface FileDone {
  file: string;
  events: number;
}

/**
 * Passes batches through unchanged and reports each file once it is fully read (its last batch),
 * so progress can be shown without the readers knowing about it.
 */
export async function* tapFiles(
  batches: AsyncIterable<FileBatch>,
  onFileDone: (done: FileDone) => void,
): AsyncGenerator<FileBatch> {
  let current: FileDone | undefined;
  for await (const batch of batches) {
    if (batch.kind === 'file' && !batch.continued) {
      if (current) onFileDone(current);
      current = { file: batch.file, events: 0 };
    }
    if (batch.kind === 'file' && current) current.events += batch.records.length + batch.rejected.length;
    if (batch.kind === 'skipped-file') onFileDone({ file: batch.file, events: 0 });
    yield batch;
  }
  if (current) onFileDone(current);
}
