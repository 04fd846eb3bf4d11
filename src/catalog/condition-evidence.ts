import data from './data/condition-evidence.json' with { type: 'json' };
import type { ActionInfo } from './service-info.ts';

/** Where a condition value comes from in a record. */
export type ConditionEvidence =
  /** The record's region (awsRegion, or the traced call's region). */
  | { kind: 'region' }
  /** A top-level record field, kept only when it matches `format`. */
  | { kind: 'record-field'; field: string; format: RegExp }
  /** The first string among these request parameters; `whenAbsent` when none is present. */
  | { kind: 'request-parameter'; parameters: readonly string[]; whenAbsent?: string; format?: RegExp }
  /** userIdentity.invokedBy, when it is a vetted KMS-integrated service principal. */
  | { kind: 'via-service' }
  /** Set by the observation that implies the call (iam:PassRole's receiving service), not read here. */
  | { kind: 'companion' };

/** How the reducer turns observed values into condition values. */
export type ConditionValueKind = 'exact' | 'masked-prefix';

/** One row of the table: which key, on which actions, from which evidence, as which condition. */
export interface ConditionRule {
  key: string;
  /** IAM actions (`service:Name`, `service:*` or `*`) the key may be used on, besides the catalog's say. */
  actions: readonly string[];
  evidence: ConditionEvidence;
  value: ConditionValueKind;
  /** The condition is emitted only on a statement with Resource "*". */
  wildcardResourceOnly: boolean;
  /** The evidence behind the condition, in words (for --explain). */
  why: string;
}

interface RawRule {
  key: string;
  actions: string[];
  evidence: Record<string, unknown>;
  value: string;
  wildcardResourceOnly?: boolean;
  why: string;
}

function toEvidence(raw: Record<string, unknown>): ConditionEvidence {
  const kind = raw['kind'];
  const format = typeof raw['format'] === 'string' ? new RegExp(raw['format']) : undefined;
  switch (kind) {
    case 'region':
    case 'via-service':
    case 'companion':
      return { kind };
    case 'record-field':
      if (typeof raw['field'] !== 'string' || !format) break;
      return { kind, field: raw['field'], format };
    case 'request-parameter': {
      const parameters = raw['parameters'];
      if (!Array.isArray(parameters) || !parameters.every((p) => typeof p === 'string')) break;
      const whenAbsent = typeof raw['whenAbsent'] === 'string' ? { whenAbsent: raw['whenAbsent'] } : {};
      return { kind, parameters, ...whenAbsent, ...(format ? { format } : {}) };
    }
  }
  throw new Error(`condition-evidence.json: bad evidence ${JSON.stringify(raw)}`);
}

function toRule(raw: RawRule): ConditionRule {
  if (raw.value !== 'exact' && raw.value !== 'masked-prefix') {
    throw new Error(`condition-evidence.json: bad value kind "${raw.value}" for ${raw.key}`);
  }
  return {
    key: raw.key,
    actions: raw.actions,
    evidence: toEvidence(raw.evidence),
    value: raw.value,
    wildcardResourceOnly: raw.wildcardResourceOnly === true,
    why: raw.why,
  };
}

/** Every rule of `data/condition-evidence.json`, in file order (the order conditions are built in). */
export const CONDITION_RULES: readonly ConditionRule[] = (data.rules as RawRule[]).map(toRule);

const VIA_SERVICES: ReadonlySet<string> = new Set(data.viaServices.principals);
const GLOBAL_PREFIX = data.globalKeys.prefix;
const PER_ACTION_GLOBALS: readonly string[] = data.globalKeys.perAction.map((k) => k.toLowerCase());

/** The rule's action list names this action (`*`, `service:*` or the exact name; case-insensitive). */
export function ruleCoversAction(rule: ConditionRule, action: string): boolean {
  const lower = action.toLowerCase();
  const service = lower.slice(0, lower.indexOf(':') + 1);
  return rule.actions.some((a) => {
    const want = a.toLowerCase();
    return want === '*' || want === lower || (want.endsWith(':*') && want.slice(0, -1) === service);
  });
}

/**
 * IAM's say: the key is a global condition key available in every request, or one the catalog lists
 * for the action or one of its resource types. Condition-key names are case-insensitive.
 */
export function supportsConditionKey(info: ActionInfo, key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith(GLOBAL_PREFIX) && !PER_ACTION_GLOBALS.some((p) => lower.startsWith(p))) return true;
  const listed = (k: string) => keyMatches(k.toLowerCase(), lower);
  return info.conditionKeys.some(listed) || info.resourceTypes.some((rt) => rt.conditionKeys?.some(listed));
}

/** A catalog key may hold a variable part (`kms:EncryptionContext:${EncryptionContextKey}`). */
function keyMatches(catalogKey: string, key: string): boolean {
  const variable = catalogKey.indexOf('${');
  if (variable < 0) return catalogKey === key;
  return key.length > variable && key.startsWith(catalogKey.slice(0, variable));
}

/** The service principal, when it is one that calls KMS on the caller's behalf and sets kms:ViaService. */
export function isViaServicePrincipal(invokedBy: string): boolean {
  return VIA_SERVICES.has(invokedBy);
}
