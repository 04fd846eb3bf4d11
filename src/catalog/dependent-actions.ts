import type { IamAction } from '../model/identifiers.ts';
import data from './data/dependent-actions.json' with { type: 'json' };
import { own } from './own.ts';
import { compilePath, valuesAt } from './param-path.ts';

interface KmsRule {
  actions: string[];
  viaService: string;
}

/** A KMS call a service made for the caller, as the record of the caller's own call proves it. */
export interface ImpliedKmsCall {
  action: IamAction;
  keyArn: string;
  viaService: string;
}

const RULES = data.kms as Record<string, KmsRule>;
const KEY_FROM = data.keyFrom.map((p) => compilePath(p));
// A key ARN, never an alias ARN: KMS authorizes on the key (KMS Developer Guide, "Key ARN").
const KEY_ARN = /^arn:aws(?:-[a-z]+)*:kms:[a-z0-9-]{2,40}:\d{12}:key\/(?:mrk-)?[0-9a-fA-F-]{32,36}$/;

/**
 * The KMS actions a call implies on the key its record names (SSE-KMS objects: S3 asks KMS for a data
 * key or a decryption on the caller's behalf). `call` is '<iam prefix>:<event name>'. Pure.
 */
export function impliedKmsCalls(call: string, record: Readonly<Record<string, unknown>>): ImpliedKmsCall[] {
  const rule = own(RULES, call);
  if (!rule) return [];
  const keys = new Set<string>();
  for (const path of KEY_FROM) {
    const found = valuesAt(record, path);
    if (found.kind === 'values') for (const v of found.values) if (KEY_ARN.test(v)) keys.add(v);
  }
  return [...keys]
    .sort()
    .flatMap((keyArn) =>
      rule.actions.map((action) => ({ action: action as IamAction, keyArn, viaService: rule.viaService })),
    );
}

/** Every action the data names (for the data test). */
export function impliedActions(): string[] {
  return Object.values(RULES).flatMap((r) => r.actions);
}
