/** A parsed JSON object (the decoders' own guard: readers do not import the parsers). */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records found in one parsed CloudTrail document, plus entries that could not be records. */
export interface ExtractedRecords {
  records: unknown[];
  bad: { index: number; reason: string }[];
  /** Set when the document is none of the accepted shapes. */
  shapeError?: string;
}

const MAX_NESTING = 4;

/**
 * Accepted shapes: `{"Records":[...]}` (S3 delivery), `aws cloudtrail lookup-events` output
 * (`Events[].CloudTrailEvent` JSON strings), a bare array, a single event, an EventBridge envelope
 * (`detail`), and StreamAlert-style `{data: ...}` entries.
 */
export function extractRecords(doc: unknown): ExtractedRecords {
  const out: ExtractedRecords = { records: [], bad: [] };
  if (
    isObject(doc) &&
    (Array.isArray(doc['Records']) || Array.isArray(doc['Events']) || looksLikeRecord(doc) || isEnvelope(doc))
  ) {
    collect(doc, out, 0);
  } else if (Array.isArray(doc)) {
    collect(doc, out, 0);
  } else {
    out.shapeError =
      'not a CloudTrail document: expected {"Records":[...]}, {"Events":[...]}, an array or one event';
  }
  return out;
}

function collect(value: unknown, out: ExtractedRecords, depth: number): void {
  if (depth > MAX_NESTING) {
    out.bad.push({ index: out.records.length + out.bad.length, reason: 'nested too deep' });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
    return;
  }
  if (!isObject(value)) {
    out.bad.push({ index: out.records.length + out.bad.length, reason: 'entry is not a JSON object' });
    return;
  }
  if (Array.isArray(value['Records'])) return collect(value['Records'], out, depth + 1);
  if (Array.isArray(value['Events'])) return collect(value['Events'], out, depth + 1);
  if (typeof value['CloudTrailEvent'] === 'string') return collectLookupEvent(value['CloudTrailEvent'], out);
  if (isEnvelope(value)) return collect(value['detail'], out, depth + 1);
  if (!looksLikeRecord(value) && value['data'] !== undefined) return collect(value['data'], out, depth + 1);
  out.records.push(value);
}

function collectLookupEvent(text: string, out: ExtractedRecords): void {
  try {
    out.records.push(JSON.parse(text));
  } catch {
    out.bad.push({ index: out.records.length + out.bad.length, reason: 'CloudTrailEvent is not valid JSON' });
  }
}

function looksLikeRecord(value: Readonly<Record<string, unknown>>): boolean {
  return 'eventName' in value || 'eventSource' in value || 'eventVersion' in value;
}

function isEnvelope(value: Readonly<Record<string, unknown>>): boolean {
  return isObject(value['detail']) && typeof value['detail-type'] === 'string';
}
