import type { Origin } from '../model/observation.ts';
import type { SkipReason } from '../model/skip-reason.ts';
import { isObject, obj, str, type JsonObject } from './fields.ts';
import type { SdkCall, TraceSubject } from './trace-call.ts';
import { xrayParamSets } from './trace-params.ts';
import { xraySubject } from './trace-subject.ts';

/** Deepest subsegment nesting and most nodes walked per document (a crafted document cannot hang us). */
export const MAX_DEPTH = 64;
export const MAX_NODES = 20_000;

/** What one segment document holds: its subject, the AWS SDK calls in it, or why it holds none. */
export type SegmentResult =
  | { kind: 'calls'; subject: TraceSubject | undefined; calls: SdkCall[] }
  | {
      kind: 'skipped';
      reason: Extract<SkipReason, 'not-an-object' | 'inferred-segment' | 'no-aws-call'>;
      detail: string;
    };

/** Facts the caller knows about a document from elsewhere (its trace's function, an explicit account). */
export interface SegmentContext {
  /** The subject of the document's trace, for a subsegment document sent on its own. */
  traceSubject?: TraceSubject;
  /** Account for calls whose trace names none. */
  account?: string;
}

/**
 * One X-Ray segment (or subsegment) document -> the AWS SDK calls in it, at any depth: every node
 * with `namespace: "aws"`, a service `name` and `aws.operation`. Pure; every field is untrusted.
 * Segments X-Ray infers from a client's subsegment (`inferred: true`) are skipped: the subsegment
 * already holds the call.
 */
export function xraySegmentCalls(
  document: unknown,
  origin: Origin,
  context: SegmentContext = {},
): SegmentResult {
  if (!isObject(document))
    return { kind: 'skipped', reason: 'not-an-object', detail: 'a segment must be a JSON object' };
  if (document['inferred'] === true)
    return { kind: 'skipped', reason: 'inferred-segment', detail: str(document, 'origin') ?? 'inferred' };
  const subject = xraySubject(document) ?? context.traceSubject;
  const calls: SdkCall[] = [];
  const stack: { node: JsonObject; depth: number }[] = [{ node: document, depth: 0 }];
  for (let seen = 0; stack.length > 0 && seen < MAX_NODES; seen++) {
    const { node, depth } = stack.pop()!;
    const call = sdkCallOf(node, origin, subject, context.account);
    if (call) calls.push(call);
    const children = node['subsegments'];
    if (depth < MAX_DEPTH && Array.isArray(children))
      for (const child of [...children].reverse())
        if (isObject(child)) stack.push({ node: child, depth: depth + 1 });
  }
  if (calls.length === 0)
    return { kind: 'skipped', reason: 'no-aws-call', detail: str(document, 'name') ?? '?' };
  return { kind: 'calls', subject, calls };
}

function sdkCallOf(
  node: JsonObject,
  origin: Origin,
  subject: TraceSubject | undefined,
  account: string | undefined,
): SdkCall | undefined {
  const aws = obj(node, 'aws');
  const service = str(node, 'name');
  const operation = str(aws, 'operation');
  if (str(node, 'namespace') !== 'aws' || !aws || !service || !operation) return undefined;
  const region = str(aws, 'region') ?? subject?.region;
  const callAccount = subject?.account ?? account;
  const errorCode = errorCodeOf(node);
  const time = epochSeconds(node['start_time']);
  const id = str(node, 'id');
  return {
    service,
    operation,
    paramSets: xrayParamSets(aws),
    ...(region ? { region } : {}),
    ...(callAccount ? { account: callAccount } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(time ? { time } : {}),
    origin: id ? { ...origin, id } : origin,
    source: 'xray',
  };
}

/**
 * The error a call ended with: the first exception type in `cause`, else `AccessDenied` for HTTP 403,
 * else a generic code when the node is flagged fault/error/throttle or the status is 4xx/5xx.
 */
export function errorCodeOf(node: JsonObject): string | undefined {
  const status = obj(obj(node, 'http'), 'response')?.['status'];
  const exceptions = obj(node, 'cause')?.['exceptions'];
  const type = Array.isArray(exceptions)
    ? exceptions.map((e: unknown) => (isObject(e) ? str(e, 'type') : undefined)).find((t) => t)
    : undefined;
  if (type) return type;
  if (status === 403) return 'AccessDenied';
  if (node['throttle'] === true || status === 429) return 'Throttling';
  if (node['fault'] === true || node['error'] === true || (typeof status === 'number' && status >= 400))
    return `HTTP ${typeof status === 'number' ? status : 'error'}`;
  return undefined;
}

/** X-Ray times are epoch seconds (fractional) -> ISO-8601, or undefined. */
export function epochSeconds(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 32503680000)
    return undefined;
  return new Date(Math.round(value * 1000)).toISOString();
}
