import { isObject } from './fields.ts';
import type { TraceDocuments } from './trace-documents.ts';

/**
 * Text -> OTLP JSON exports (`{"resourceSpans":[...]}`): one JSON value per file, or JSON Lines as the
 * collector's file exporter writes them (one export per line). An array of exports is accepted too.
 * Pure; nothing is thrown.
 */
export function otelExportsFromText(raw: string): TraceDocuments {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    const value = JSON.parse(text) as unknown;
    const items = Array.isArray(value) ? value : [value];
    const documents = items.filter(isExport);
    if (documents.length === 0) return { documents, bad: [], problem: 'expected OTLP JSON (resourceSpans)' };
    return {
      documents,
      bad: items.flatMap((v, index) => (isExport(v) ? [] : [{ index, reason: 'not an OTLP export' }])),
    };
  } catch {
    return fromLines(text);
  }
}

function fromLines(text: string): TraceDocuments {
  const out: TraceDocuments = { documents: [], bad: [] };
  let index = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (isExport(value)) out.documents.push(value);
      else out.bad.push({ index, reason: 'not an OTLP export (no resourceSpans)' });
    } catch (error) {
      out.bad.push({ index, reason: `line is not valid JSON: ${(error as Error).message}` });
    }
    index++;
  }
  if (out.documents.length === 0) out.problem = 'not OTLP JSON or JSON Lines of OTLP exports';
  return out;
}

function isExport(value: unknown): boolean {
  return isObject(value) && Array.isArray(value['resourceSpans']);
}
