import type { Catalog } from '../catalog/catalog.ts';
import type { SkipReason } from '../model/skip-reason.ts';
import { isObject, str } from './fields.ts';
import { otelExportCalls } from './otel-span.ts';
import {
  observeSdkCall,
  sdkCallPrefix,
  type CallResult,
  type SdkCall,
  type TraceSubject,
} from './trace-call.ts';
import { xraySegmentCalls } from './xray-segment.ts';
import { subjectsByTrace } from './trace-subject.ts';

/** The calls and skips of one input (file, API page), before mapping. */
export interface TraceBatch {
  calls: { subject: TraceSubject | undefined; call: SdkCall; where: string }[];
  skips: { reason: SkipReason; example: string; count: number }[];
}

/**
 * X-Ray documents of one input -> a batch. A subsegment document sent on its own takes the function
 * of its trace from the function segments of the same input. `account` fills in for traces naming none.
 */
export function xrayBatch(documents: readonly unknown[], file: string, account?: string): TraceBatch {
  const batch: TraceBatch = { calls: [], skips: [] };
  const traces = subjectsByTrace(documents);
  documents.forEach((doc, index) => {
    const where = `${file}#${index}`;
    const traceId = isObject(doc) ? str(doc, 'trace_id') : undefined;
    const traceSubject = traceId ? traces.get(traceId) : undefined;
    const result = xraySegmentCalls(
      doc,
      { file, record: index },
      {
        ...(traceSubject ? { traceSubject } : {}),
        ...(account ? { account } : {}),
      },
    );
    if (result.kind === 'skipped')
      batch.skips.push({ reason: result.reason, example: `${where}: ${result.detail}`, count: 1 });
    else for (const call of result.calls) batch.calls.push({ subject: result.subject, call, where });
  });
  return batch;
}

/** OTLP exports of one input -> a batch; spans that are not AWS SDK calls are counted as `no-aws-call`. */
export function otelBatch(exports: readonly unknown[], file: string, account?: string): TraceBatch {
  const batch: TraceBatch = { calls: [], skips: [] };
  exports.forEach((value, index) => {
    const where = `${file}#${index}`;
    for (const group of otelExportCalls(value, { file, record: index }, account) ?? []) {
      for (const call of group.calls) batch.calls.push({ subject: group.subject, call, where });
      if (group.otherSpans > 0)
        batch.skips.push({
          reason: 'no-aws-call',
          example: `${where}: span is not an AWS SDK call`,
          count: group.otherSpans,
        });
    }
  });
  return batch;
}

/** IAM prefixes the batch needs loaded in the catalog. */
export function batchPrefixes(batch: TraceBatch): string[] {
  return [...new Set(batch.calls.flatMap(({ call }) => sdkCallPrefix(call) ?? []))];
}

/**
 * Where mapped trace calls go: counted per function and held until the function's role is known
 * (facts/trace-pending.ts). An interface here, so parsing does not depend on the aggregation.
 */
export interface TraceCallSink {
  add(subject: TraceSubject | undefined, result: CallResult, where: string): void;
  skip(reason: SkipReason, example: string, count?: number): void;
}

/** Maps a batch (its services loaded) into the pending store, counting every call and skip. */
export function feedBatch(
  batch: TraceBatch,
  catalog: Catalog,
  pending: TraceCallSink,
  window: { since?: string; until?: string },
): void {
  for (const s of batch.skips) pending.skip(s.reason, s.example, s.count);
  for (const { subject, call, where } of batch.calls)
    pending.add(subject, observeSdkCall(call, catalog, window), where);
}
