import { prefixForSdkService } from '../catalog/event-mapping.ts';
import data from '../catalog/data/trace-parameters.json' with { type: 'json' };
import type { Origin } from '../model/observation.ts';
import { isObject, obj, str, type JsonObject } from './fields.ts';
import {
  attrNumber,
  attrString,
  attrStrings,
  otlpAttributes,
  type AttributeValue,
} from './otel-attributes.ts';
import type { SdkCall, TraceSubject } from './trace-call.ts';
import { splitTables } from './trace-params.ts';
import { parseFunctionArn } from './trace-subject.ts';

interface AttributeRule {
  attribute: string;
  param: string;
  service?: string;
}
const RULES = data.otel as AttributeRule[];
// OTLP status code 2 = ERROR (numeric in OTLP/JSON, the enum name from some writers).
const STATUS_ERROR = new Set<unknown>([2, 'STATUS_CODE_ERROR']);
const MAX_SPANS = 100_000;

/** The spans of one `resourceSpans` entry: who made them and the AWS SDK calls among them. */
export interface OtelGroup {
  subject: TraceSubject | undefined;
  calls: SdkCall[];
  /** Spans that are not AWS SDK calls (HTTP servers, handlers, ...). */
  otherSpans: number;
}

/**
 * One OTLP JSON export (`resourceSpans[].scopeSpans[].spans[]`, as the collector's file exporter
 * writes it) -> AWS SDK calls: spans with `rpc.system` (or `rpc.system.name`) `aws-api`, their
 * `rpc.service`/`rpc.method` and `aws.*` attributes. Function from the resource (`faas.name`,
 * `cloud.resource_id`, `cloud.account.id`, `cloud.region`). Pure; undefined when the value is no export.
 */
export function otelExportCalls(value: unknown, origin: Origin, account?: string): OtelGroup[] | undefined {
  if (!isObject(value) || !Array.isArray(value['resourceSpans'])) return undefined;
  let budget = MAX_SPANS;
  return value['resourceSpans'].filter(isObject).map((rs) => {
    const subject = otelSubject(otlpAttributes(obj(rs, 'resource')?.['attributes']));
    const group: OtelGroup = { subject, calls: [], otherSpans: 0 };
    for (const span of spansOf(rs)) {
      if (budget-- <= 0) break;
      const call = spanCall(span, origin, subject, account);
      if (call) group.calls.push(call);
      else group.otherSpans++;
    }
    return group;
  });
}

function spansOf(resourceSpans: JsonObject): JsonObject[] {
  // `instrumentationLibrarySpans` is the pre-1.0 OTLP name of `scopeSpans`.
  const scopes = resourceSpans['scopeSpans'] ?? resourceSpans['instrumentationLibrarySpans'];
  if (!Array.isArray(scopes)) return [];
  return scopes.flatMap((s: unknown) =>
    isObject(s) && Array.isArray(s['spans']) ? s['spans'].filter(isObject) : [],
  );
}

/** The function behind a resource: `faas.name` / `cloud.resource_id`, else the service name. */
export function otelSubject(attrs: ReadonlyMap<string, AttributeValue>): TraceSubject | undefined {
  const arn = parseFunctionArn(attrString(attrs, 'cloud.resource_id') ?? attrString(attrs, 'faas.id'));
  const service = attrString(attrs, 'service.name');
  const name =
    attrString(attrs, 'faas.name') ??
    arn?.name ??
    (service?.startsWith('unknown_service') ? undefined : service);
  if (!name) return undefined;
  const account = arn?.account ?? attrString(attrs, 'cloud.account.id');
  const region = arn?.region ?? attrString(attrs, 'cloud.region');
  return {
    name,
    ...(arn ? { functionArn: arn.functionArn } : {}),
    ...(account && /^\d{12}$/.test(account) ? { account } : {}),
    ...(region ? { region } : {}),
  };
}

function spanCall(
  span: JsonObject,
  origin: Origin,
  subject: TraceSubject | undefined,
  account?: string,
): SdkCall | undefined {
  const attrs = otlpAttributes(span['attributes']);
  const system = attrString(attrs, 'rpc.system') ?? attrString(attrs, 'rpc.system.name');
  if (system !== 'aws-api') return undefined;
  const [spanService, spanMethod] = (str(span, 'name') ?? '').split('.');
  const service = attrString(attrs, 'rpc.service') ?? spanService;
  const operation = attrString(attrs, 'rpc.method') ?? spanMethod;
  if (!service || !operation) return undefined;
  const region = attrString(attrs, 'cloud.region') ?? attrString(attrs, 'aws.region') ?? subject?.region;
  const callAccount = subject?.account ?? account;
  const errorCode = spanErrorCode(span, attrs);
  const time = unixNanos(span['startTimeUnixNano']);
  const id = str(span, 'spanId');
  return {
    service,
    operation,
    paramSets: splitTables(spanParams(attrs, service), attrStrings(attrs, data.otelTableNames)),
    ...(region ? { region } : {}),
    ...(callAccount ? { account: callAccount } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(time ? { time } : {}),
    origin: id ? { ...origin, id } : origin,
    source: 'otel',
  };
}

function spanParams(attrs: ReadonlyMap<string, AttributeValue>, service: string): Record<string, unknown> {
  const prefix = prefixForSdkService(service);
  const params: Record<string, unknown> = {};
  for (const rule of RULES) {
    if (rule.service && rule.service !== prefix) continue;
    const value = attrString(attrs, rule.attribute);
    if (value !== undefined && params[rule.param] === undefined) params[rule.param] = value;
  }
  return params;
}

/** ERROR status or an HTTP error status -> the exception type, `AccessDenied` for 403, or a generic code. */
function spanErrorCode(span: JsonObject, attrs: ReadonlyMap<string, AttributeValue>): string | undefined {
  const status = attrNumber(attrs, 'http.response.status_code') ?? attrNumber(attrs, 'http.status_code');
  const failed = STATUS_ERROR.has(obj(span, 'status')?.['code']) || (status !== undefined && status >= 400);
  if (!failed) return undefined;
  const events = Array.isArray(span['events']) ? span['events'].filter(isObject) : [];
  const exception = events.find((e) => str(e, 'name') === 'exception');
  const type = exception ? attrString(otlpAttributes(exception['attributes']), 'exception.type') : undefined;
  if (type) return type;
  if (status === 403) return 'AccessDenied';
  return `HTTP ${status ?? 'error'}`;
}

/** OTLP `startTimeUnixNano` (a decimal string, or a number) -> ISO-8601, or undefined. */
export function unixNanos(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(Math.trunc(value)) : value;
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) return undefined;
  const ms = Number(BigInt(text) / 1_000_000n);
  return ms > 0 && ms < 32503680000000 ? new Date(ms).toISOString() : undefined;
}
