import type { AttributeValue, Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** OTLP JSON for one attribute value (protobuf JSON mapping: int64 as a decimal string). */
type OtlpValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpValue[] } };

function valueOf(v: AttributeValue): OtlpValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.flatMap((x) => (x == null ? [] : [valueOf(x)])) } };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v as number };
}

/** Attributes -> `[{ key, value }]`, keys sorted (stable output). */
export function otlpAttributes(attrs: Attributes): { key: string; value: OtlpValue }[] {
  return Object.keys(attrs)
    .sort()
    .flatMap((key) => {
      const v = attrs[key];
      return v === undefined ? [] : [{ key, value: valueOf(v) }];
    });
}

const nanos = ([s, ns]: HrTime) => (BigInt(s) * 1_000_000_000n + BigInt(ns)).toString();

/** One finished span as the collector's file exporter writes it (OTLP/JSON `Span`). */
export function otlpSpan(span: ReadableSpan) {
  const ctx = span.spanContext();
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    ...(span.parentSpanContext ? { parentSpanId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    // OTLP SpanKind is the API's SpanKind + 1 (0 = UNSPECIFIED).
    kind: span.kind + 1,
    startTimeUnixNano: nanos(span.startTime),
    endTimeUnixNano: nanos(span.endTime),
    attributes: otlpAttributes(span.attributes),
    events: span.events.map((e) => ({
      timeUnixNano: nanos(e.time),
      name: e.name,
      attributes: otlpAttributes(e.attributes ?? {}),
    })),
    status: {
      ...(span.status.code ? { code: span.status.code } : {}),
      ...(span.status.message ? { message: span.status.message } : {}),
    },
  };
}

/** One `resourceSpans` entry: a resource (the function) and its spans grouped by instrumentation scope. */
export function otlpResourceSpans(resource: Attributes, spans: readonly ReadableSpan[]) {
  const scopes = new Map<string, ReadableSpan[]>();
  for (const span of spans) {
    const key = `${span.instrumentationScope.name}\u0000${span.instrumentationScope.version ?? ''}`;
    scopes.set(key, [...(scopes.get(key) ?? []), span]);
  }
  return {
    resource: { attributes: otlpAttributes(resource) },
    scopeSpans: [...scopes.entries()].map(([key, list]) => {
      const [name, version] = key.split('\u0000');
      return { scope: { name, ...(version ? { version } : {}) }, spans: list.map(otlpSpan) };
    }),
  };
}
