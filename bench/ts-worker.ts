import { Worker } from 'node:worker_threads';

/**
 * Starts a bench `.ts` module on a worker thread. A worker does not inherit tsx's loader, so the
 * entry is loaded through tsx's API inside it.
 */
export function spawnTsWorker(entry: URL, workerData: unknown): Worker {
  const code = `import('tsx/esm/api').then((m) => m.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(code, { eval: true, workerData });
}

/** The next message of a worker; rejects when it throws or exits first. */
export function nextMessage<T>(worker: Worker, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) =>
      reject(new Error(`worker ${what} exited with code ${code} without answering`));
    worker.once('message', (message: T) => {
      worker.off('exit', onExit);
      worker.off('error', reject);
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', onExit);
  });
}

/** Runs a bench `.ts` module on a worker thread and resolves with the one message it posts. */
export function runTsWorker<T>(entry: URL, workerData: unknown): Promise<T> {
  return nextMessage<T>(spawnTsWorker(entry, workerData), entry.pathname);
}
