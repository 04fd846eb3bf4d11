import type { Statement } from '../model/policy.ts';

/**
 * A Sid derived from the statement's content: the services it covers in PascalCase plus a short hash,
 * so it is stable across runs and file orders and unique within a policy. Sids allow [A-Za-z0-9] only.
 */
export function contentSid(statement: Statement): string {
  const services = [...new Set((statement.Action ?? []).map((a) => a.split(':')[0] ?? ''))]
    .map(pascal)
    .join('')
    .slice(0, 48);
  return `${services || 'Statement'}${fnv1a(JSON.stringify(statement)).toString(36).toUpperCase().padStart(7, '0')}`;
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
