import type { ArnSplit, ArnSplitter } from '../catalog/resource-split.ts';
import type { Arn } from '../model/identifiers.ts';
import type { ResourceMasker } from '../model/mask.ts';

export type { MaskedArn, ResourceMasker } from '../model/mask.ts';
import { byCodeUnit, sortedUnique } from './compare.ts';
import { groupBy } from './group-by.ts';
import type { ReduceOptions } from './options.ts';
import { maskTail } from './mask-tail.ts';
import { dropSubsumed } from './subsumed.ts';

/** One replacement of concrete ARNs by a pattern, for --explain. */
export interface Generalization {
  action: string;
  pattern: string;
  /** How many the pattern replaced: calls (volatile identifiers) or distinct values (a collapse). */
  replaced: number;
  of: 'calls' | 'values';
  why: string;
}

export interface Generalized {
  resources: string[];
  generalizations: Generalization[];
}

/** What is known of one resource of an action: its calls, and the identifiers masked at ingest. */
export interface ResourceEvidence {
  calls: number;
  /** Set when the ARN was masked at ingest (see {@link volatileMasker}): the kinds found. */
  masked?: readonly string[];
}

/**
 * The first step of {@link generalizeResources}, done early: at ingest, so facts stop growing with
 * per-request identifiers (object keys, log streams) and memory grows with distinct patterns. The
 * reducer then takes a masked ARN as already masked, so the policy is the same either way. Returns
 * undefined for an ARN with nothing volatile (it stays exact).
 */
export function volatileMasker(split: ArnSplitter, mode: 'safe' | 'aggressive'): ResourceMasker {
  // Tables, queues, functions repeat in every record and have nothing to mask: remember them.
  // Names come from records, so the memory is bounded: emptied when full.
  const plain = new Map<string, Set<string>>();
  let remembered = 0;
  return (action, arn) => {
    const known = plain.get(action);
    if (known?.has(arn)) return undefined;
    const s = split(action, arn);
    const m = s && s.tail !== '' ? maskTail(s, mode) : undefined;
    if (s && m) {
      const masked = { arn: `${s.stable}${m.text}` as Arn, found: m.found };
      return mode === 'safe' && !m.whole ? { ...masked, variant: arn as Arn } : masked;
    }
    if (remembered >= PLAIN_ARNS_REMEMBERED) {
      plain.clear();
      remembered = 0;
    }
    if (known && plain.has(action)) known.add(arn);
    else plain.set(action, new Set([arn]));
    remembered++;
    return undefined;
  };
}

const PLAIN_ARNS_REMEMBERED = 16_384;

/**
 * Concrete ARNs of one action -> the fewest patterns that still cover each, changing only the part
 * after the split point (a per-request sub-resource in safe mode). Volatile identifiers become `*`
 * in place; more than `collapseThreshold` distinct values under one parent path become `parent/*`.
 */
export function generalizeResources(
  action: string,
  resources: readonly string[],
  options: ReduceOptions,
  split: ArnSplitter | undefined,
  evidence: ReadonlyMap<string, ResourceEvidence> = new Map(),
): Generalized {
  if (options.generalize === 'none' || !split) return { resources: [...resources], generalizations: [] };
  const literal: string[] = [];
  const splits: { split: ArnSplit; arn: string }[] = [];
  for (const arn of resources) {
    const s = split(action, arn);
    if (!s || s.tail === '') literal.push(arn);
    else splits.push({ split: s, arn });
  }
  const byStable = groupBy(splits, (e) => e.split.stable);
  const generalizations: Generalization[] = [];
  const patterns = [...literal];
  for (const [stable, entries] of [...byStable.entries()].sort(([a], [b]) => byCodeUnit(a, b))) {
    patterns.push(...generalizeTails(action, stable, entries, options, generalizations, evidence));
  }
  return { resources: dropSubsumed(sortedUnique(patterns)), generalizations };
}

function generalizeTails(
  action: string,
  stable: string,
  entries: { split: ArnSplit; arn: string }[],
  options: ReduceOptions,
  notes: Generalization[],
  evidence: ReadonlyMap<string, ResourceEvidence>,
): string[] {
  const mode = options.generalize === 'aggressive' ? 'aggressive' : 'safe';
  const byText = new Map<string, TailGroup>();
  for (const { split, arn } of entries) {
    const known = evidence.get(arn);
    // Masked at ingest: the tail is already the masked text, and it stood (demaskFacts kept it).
    const m = known?.masked ? { text: split.tail, found: known.masked, whole: true } : maskTail(split, mode);
    const text = m ? m.text : split.tail;
    const group = byText.get(text) ?? {
      masked: m !== undefined,
      proven: false,
      count: 0,
      found: new Set(),
      tails: new Set(),
    };
    group.count += known?.calls ?? 1;
    group.tails.add(split.tail);
    if (m) {
      m.found.forEach((f) => group.found.add(f));
      group.proven ||= m.whole || mode === 'aggressive';
    }
    byText.set(text, group);
  }
  const tails: string[] = [];
  // In pattern order: the same whether the ARNs arrived exact or masked at ingest.
  for (const [text, group] of [...byText.entries()].sort(([a], [b]) => byCodeUnit(a, b))) {
    // Safe mode: a pattern only where the evidence shows the value varying (two distinct values).
    if (!group.masked || !(group.proven || group.tails.size >= 2)) {
      tails.push(...group.tails);
      continue;
    }
    tails.push(text);
    notes.push({
      action,
      pattern: stable + text,
      replaced: group.count,
      of: 'calls',
      why: `volatile ${[...group.found].sort(byCodeUnit).join(', ')} in ${entries[0]!.split.variable}`,
    });
  }
  return collapseByParent(action, stable, sortedUnique(tails), options, notes);
}

interface TailGroup {
  masked: boolean;
  /** The mask needs no second value: a log stream, aggressive mode, or proven at ingest. */
  proven: boolean;
  count: number;
  found: Set<string>;
  /** The concrete tails behind the pattern. */
  tails: Set<string>;
}

/** More than the threshold of distinct tails under one parent path -> `parent/*`. */
function collapseByParent(
  action: string,
  stable: string,
  tails: string[],
  options: ReduceOptions,
  notes: Generalization[],
): string[] {
  const byParent = groupBy(tails, (tail) =>
    tail.includes('/') ? tail.slice(0, tail.lastIndexOf('/') + 1) : '',
  );
  const out: string[] = [];
  for (const [parent, group] of byParent) {
    // Safe mode never replaces a whole key (no stable prefix) by `*`.
    if (group.length > options.collapseThreshold && (parent !== '' || options.generalize === 'aggressive')) {
      out.push(`${stable}${parent}*`);
      notes.push({
        action,
        pattern: `${stable}${parent}*`,
        replaced: group.length,
        of: 'values',
        why: `${group.length} distinct values under "${parent || '(root)'}" (threshold ${options.collapseThreshold})`,
      });
    } else out.push(...group.map((t) => stable + t));
  }
  return out;
}
