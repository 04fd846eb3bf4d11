import { isObject, str } from './fields.ts';

import type { TraceDocuments } from '../model/trace-documents.ts';

export type { TraceDocuments };

const DAEMON_HEADER = /^\s*\{\s*"format"\s*:\s*"json"\s*,\s*"version"\s*:\s*1\s*\}\s*$/;

/**
 * Text -> X-Ray segment documents. Accepts `aws xray batch-get-traces` output
 * (`Traces[].Segments[].Document`, a JSON string each), one trace (`Segments[]`), an array of
 * segments (objects or JSON strings), a single segment, JSON Lines, and the daemon's UDP form
 * (`{"format":"json","version":1}` header line before each segment). Pure; nothing is thrown.
 */
export function xrayDocumentsFromText(raw: string): TraceDocuments {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const whole = tryParse(text);
  if (whole.ok) return xrayDocumentsFromValue(whole.value);
  const newline = text.indexOf('\n');
  // One datagram: a header line, then one (possibly pretty-printed) segment.
  if (newline > 0 && DAEMON_HEADER.test(text.slice(0, newline))) {
    const rest = tryParse(text.slice(newline + 1));
    if (rest.ok) return xrayDocumentsFromValue(rest.value);
  }
  return fromLines(text);
}

function fromLines(text: string): TraceDocuments {
  const out: TraceDocuments = { documents: [], bad: [] };
  let index = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || DAEMON_HEADER.test(line)) continue;
    const parsed = tryParse(line);
    if (!parsed.ok) out.bad.push({ index, reason: `line is not valid JSON: ${parsed.error}` });
    else {
      const inner = xrayDocumentsFromValue(parsed.value);
      out.documents.push(...inner.documents);
      out.bad.push(...inner.bad.map((b) => ({ ...b, index })));
    }
    index++;
  }
  if (out.documents.length === 0 && out.bad.length > 0 && index === out.bad.length)
    out.problem = 'not JSON, JSON Lines or X-Ray daemon datagrams';
  return out;
}

/** A parsed value in any accepted shape (see {@link xrayDocumentsFromText}) -> segment documents. */
export function xrayDocumentsFromValue(value: unknown): TraceDocuments {
  const out: TraceDocuments = { documents: [], bad: [] };
  const items = Array.isArray(value) ? value : segmentsOf(value);
  if (!items) {
    if (isObject(value) && str(value, 'format') === 'json') return out;
    return { ...out, problem: 'expected X-Ray segments (batch-get-traces output, a segment or an array)' };
  }
  items.forEach((item, index) => {
    const doc = documentOf(item);
    if (typeof doc === 'string') out.bad.push({ index, reason: doc });
    else out.documents.push(doc);
  });
  return out;
}

/** batch-get-traces output / one trace -> its segment entries; a lone segment -> [segment]. */
function segmentsOf(value: unknown): unknown[] | undefined {
  if (!isObject(value)) return undefined;
  if (Array.isArray(value['Traces']))
    return value['Traces'].flatMap((t: unknown) =>
      isObject(t) && Array.isArray(t['Segments']) ? t['Segments'] : [],
    );
  if (Array.isArray(value['Segments'])) return value['Segments'];
  if (typeof value['id'] === 'string' && typeof value['name'] === 'string') return [value];
  return undefined;
}

/** A segment entry: an object, `{ Document: "<json>" }`, or a JSON string; else the reason it is not. */
function documentOf(item: unknown): unknown {
  const text = isObject(item) && typeof item['Document'] === 'string' ? item['Document'] : item;
  if (typeof text !== 'string') return isObject(text) ? text : 'a segment must be an object or a JSON string';
  const parsed = tryParse(text);
  if (!parsed.ok) return `segment document is not valid JSON: ${parsed.error}`;
  return isObject(parsed.value) ? parsed.value : 'a segment document must be a JSON object';
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
