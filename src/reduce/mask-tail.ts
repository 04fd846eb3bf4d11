import type { ArnSplit } from '../catalog/resource-split.ts';
import { sortedUnique } from './compare.ts';
import { maskVolatile } from './volatility.ts';

/** A tail with its volatile identifiers masked. */
export interface TailMask {
  text: string;
  /** Kinds of identifier found, for --explain. */
  found: string[];
  /** Masked from one value by rule (a log stream): needs no evidence that the value varies. */
  whole: boolean;
}

const WHOLE_KIND = 'per-request log stream';

/**
 * Masks the volatile identifiers of one ARN tail. The per-request part (the ARN's last variable,
 * when volatile) is masked the same way in both modes, so `aggressive` is at least as general as
 * `safe` there; a log stream becomes `*` whole. `safe` never masks a tail into a pattern that starts
 * with `*` (a whole key replaced without a stable prefix). Undefined when nothing is masked.
 */
export function maskTail(split: ArnSplit, mode: 'safe' | 'aggressive'): TailMask | undefined {
  const offset = split.volatile?.offset ?? (mode === 'safe' ? 0 : split.tail.length);
  const head = split.tail.slice(0, offset);
  const rest = split.tail.slice(offset);
  const whole = split.volatile?.whole === true && rest !== '';
  const h = head === '' ? { text: '', found: [] } : maskVolatile(head);
  const r = whole
    ? { text: '*', found: [WHOLE_KIND] }
    : rest === ''
      ? { text: '', found: [] }
      : maskVolatile(rest);
  const found = sortedUnique([...h.found, ...r.found]);
  if (found.length === 0) return undefined;
  const text = h.text + r.text;
  if (mode === 'safe' && !whole && text.startsWith('*')) return undefined;
  return { text, found, whole: whole && h.found.length === 0 };
}
