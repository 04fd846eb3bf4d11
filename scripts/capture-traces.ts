/**
 * Captures the sample traces in samples/traces/ from real instrumentation: AWS SDK v3 clients
 * instrumented by aws-xray-sdk-core (segments sent over UDP to a daemon address on 127.0.0.1) and by
 * @opentelemetry/instrumentation-aws-sdk (spans kept in memory, written as OTLP JSON), calling a local
 * stub of the AWS endpoints. Nothing leaves 127.0.0.1.
 *
 *   node --import tsx scripts/capture-traces.ts [OUT_DIR]   (default samples/traces)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startOtel, captureOtel } from './lib/trace-otel-capture.ts';

// OpenTelemetry patches the SDK when it is first required: register before loading the workload.
const { exporter } = startOtel();
const { FUNCTIONS, makeClients, closeClients } = await import('./lib/trace-workload.ts');
const { captureXRay } = await import('./lib/trace-xray-capture.ts');
const { startAwsStub } = await import('./lib/trace-aws-stub.ts');

const out = process.argv[2] ?? 'samples/traces';
const stub = await startAwsStub();
try {
  const datagrams = await captureXRay(stub.endpoint, FUNCTIONS);
  const exports = await captureOtel(exporter, FUNCTIONS, async (fn, n) => {
    const clients = makeClients(stub.endpoint);
    await fn.invoke(clients, n).finally(() => closeClients(clients));
  });
  await mkdir(join(out, 'xray'), { recursive: true });
  await mkdir(join(out, 'otel'), { recursive: true });
  // Each datagram is the daemon protocol's header line and one segment document, as received.
  await writeFile(
    join(out, 'xray', 'daemon-datagrams.jsonl'),
    datagrams.map((d) => `${d.trimEnd()}\n`).join(''),
  );
  await writeFile(
    join(out, 'otel', 'collector-export.jsonl'),
    exports.map((e) => `${JSON.stringify(e)}\n`).join(''),
  );
  const roles = Object.fromEntries(FUNCTIONS.map((f) => [f.name, f.role]));
  await writeFile(join(out, 'function-roles.json'), `${JSON.stringify(roles, null, 2)}\n`);
  process.stderr.write(
    `captured ${datagrams.length} X-Ray datagrams and ${exports.length} OTLP exports into ${out}\n`,
  );
} finally {
  await stub.close();
}
