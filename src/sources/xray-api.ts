import type { XRayApi } from '../aws/xray.ts';
import { BATCH_GET_TRACES_MAX_IDS } from '../aws/xray-limits.ts';
import type { TraceDocuments } from '../model/trace-documents.ts';
import type { TraceFile } from './xray-files.ts';

export interface XRayApiRequest {
  /** ISO-8601 window. */
  since: string;
  until: string;
  /** An X-Ray filter expression, e.g. `service("orders-api")`. */
  filterExpression?: string;
  /** Longest window asked of GetTraceSummaries at once (default 6 hours). */
  windowMs?: number;
  onWarning?: (message: string) => void;
  /** BatchGetTraces' segment list -> documents (ingest's X-Ray decoder; passed in, not imported). */
  documentsOf: (value: unknown) => TraceDocuments;
}

/** The X-Ray console and API read at most a few hours per query; longer windows are split (inferred). */
export const DEFAULT_XRAY_WINDOW_MS = 6 * 60 * 60 * 1000;

/**
 * Trace summaries in [since, until] (every page, windows of at most 6 hours), then their segment
 * documents with BatchGetTraces, 5 trace IDs per call. Each BatchGetTraces page comes out as one
 * "file" (`xray-api:<first trace id>`). Traces seen in two windows are read once.
 */
export async function* readXRayApi(api: XRayApi, request: XRayApiRequest): AsyncGenerator<TraceFile> {
  const seen = new Set<string>();
  for (const [start, end] of windows(request)) {
    let nextToken: string | undefined;
    do {
      const page = await api.traceSummaries({
        start,
        end,
        ...(request.filterExpression ? { filterExpression: request.filterExpression } : {}),
        ...(nextToken ? { nextToken } : {}),
      });
      const fresh = page.ids.filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      for (let i = 0; i < fresh.length; i += BATCH_GET_TRACES_MAX_IDS)
        yield* tracePages(api, fresh.slice(i, i + BATCH_GET_TRACES_MAX_IDS), request);
      nextToken = page.nextToken;
    } while (nextToken);
  }
}

async function* tracePages(api: XRayApi, ids: string[], request: XRayApiRequest): AsyncGenerator<TraceFile> {
  let nextToken: string | undefined;
  do {
    const page = await api.batchGetTraces(ids, nextToken);
    if (page.unprocessed.length > 0)
      request.onWarning?.(
        `X-Ray BatchGetTraces could not return ${page.unprocessed.join(', ')} (not indexed, or expired)`,
      );
    const docs = request.documentsOf(page.documents);
    yield { file: `xray-api:${ids[0]}`, ...docs };
    nextToken = page.nextToken;
  } while (nextToken);
}

function windows(request: XRayApiRequest): [string, string][] {
  const step = request.windowMs ?? DEFAULT_XRAY_WINDOW_MS;
  const out: [string, string][] = [];
  const end = Date.parse(request.until);
  for (let t = Date.parse(request.since); t < end; t += step)
    out.push([new Date(t).toISOString(), new Date(Math.min(t + step, end)).toISOString()]);
  return out;
}
