import { SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { otlpResourceSpans } from './trace-otlp.ts';
import type { SampleFunction } from './trace-workload.ts';

/** Counting trace and span IDs, so a re-capture writes the same IDs. */
function countingIds() {
  let traces = 0;
  let spans = 0;
  return {
    generateTraceId: () => (++traces).toString(16).padStart(32, '0').replace(/^0/, 'a'),
    generateSpanId: () => (++spans).toString(16).padStart(16, '0').replace(/^0/, 'b'),
  };
}

/**
 * Registers @opentelemetry/instrumentation-aws-sdk (with a request hook adding the semconv
 * `aws.s3.key`, which the instrumentation does not record itself) and an in-memory exporter.
 * Must run before the AWS SDK clients are first required.
 */
export function startOtel(): { exporter: InMemorySpanExporter; provider: NodeTracerProvider } {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    idGenerator: countingIds(),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  registerInstrumentations({
    instrumentations: [
      new AwsInstrumentation({
        preRequestHook: (span, { request }) => {
          const key = request.commandInput?.['Key'];
          if (request.serviceName === 'S3' && typeof key === 'string') span.setAttribute('aws.s3.key', key);
        },
      }),
    ],
  });
  return { exporter, provider };
}

/** The resource attributes the Lambda resource detector gives a function. */
function functionResource(fn: SampleFunction): Attributes {
  const [, , , region, account] = fn.arn.split(':');
  return {
    'service.name': fn.name,
    'cloud.provider': 'aws',
    'cloud.platform': 'aws_lambda',
    'cloud.region': region!,
    'cloud.account.id': account!,
    'faas.name': fn.name,
    'cloud.resource_id': fn.arn,
  };
}

/**
 * Runs each function's invocations inside a SERVER span named after it and returns one OTLP export
 * per function (`{ resourceSpans: [...] }`), the shape the collector's file exporter writes per line.
 */
export async function captureOtel(
  exporter: InMemorySpanExporter,
  functions: readonly SampleFunction[],
  run: (fn: SampleFunction, n: number) => Promise<void>,
): Promise<unknown[]> {
  const tracer = trace.getTracer('sample-handler', '1.0.0');
  const exports: unknown[] = [];
  for (const fn of functions) {
    exporter.reset();
    for (let n = 0; n < fn.invocations; n++) {
      await tracer.startActiveSpan(
        fn.name,
        { kind: SpanKind.SERVER, attributes: { 'faas.trigger': 'other' } },
        async (span) => {
          await run(fn, n).finally(() => span.end());
        },
      );
    }
    exports.push({ resourceSpans: [otlpResourceSpans(functionResource(fn), exporter.getFinishedSpans())] });
  }
  return exports;
}
