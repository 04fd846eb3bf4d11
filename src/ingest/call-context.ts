import {
  CONDITION_RULES,
  isViaServicePrincipal,
  ruleCoversAction,
  supportsConditionKey,
  type ConditionEvidence,
  type ConditionRule,
} from '../catalog/condition-evidence.ts';
import type { ActionInfo } from '../catalog/service-info.ts';
import { obj, str, type JsonObject } from './fields.ts';

const REGION = /^[a-z]{2}(?:-[a-z0-9]+){1,3}$/;
const SERVICE_PRINCIPAL = /^([a-z0-9-]{2,40})\.amazonaws\.com$/;

/**
 * Condition-key values a record proves for a call, by the rules of `data/condition-evidence.json`:
 * only keys the action supports and the reducer may turn into conditions, so facts stay few. Values
 * are validated; anything odd or unproven is left out (a condition is then not emitted).
 */
export function callContext(
  record: JsonObject,
  action: ActionInfo,
  region: string,
  params: JsonObject,
): Record<string, string> {
  const context: Record<string, string> = {};
  for (const rule of rulesFor(action)) {
    const value = evidenceValue(rule.evidence, record, region, params);
    if (value !== undefined) context[rule.key] = value;
  }
  return context;
}

// Which rules apply depends on the action alone: worked out once per catalog action, not per record
// (the action objects are the catalog's own, so this stays as small as it).
const RULES_BY_ACTION = new WeakMap<ActionInfo, readonly ConditionRule[]>();

function rulesFor(action: ActionInfo): readonly ConditionRule[] {
  let rules = RULES_BY_ACTION.get(action);
  if (!rules) {
    rules = CONDITION_RULES.filter(
      (rule) => ruleCoversAction(rule, action.action) && supportsConditionKey(action, rule.key),
    );
    RULES_BY_ACTION.set(action, rules);
  }
  return rules;
}

function evidenceValue(
  evidence: ConditionEvidence,
  record: JsonObject,
  region: string,
  params: JsonObject,
): string | undefined {
  switch (evidence.kind) {
    case 'region':
      // Only a well-formed region becomes a condition value (a forged one must not reach a policy).
      return REGION.test(region) ? region : undefined;
    case 'record-field': {
      const value = str(record, evidence.field);
      return value !== undefined && evidence.format.test(value) ? value : undefined;
    }
    case 'request-parameter': {
      for (const name of evidence.parameters) {
        const value = str(params, name);
        if (value !== undefined) return !evidence.format || evidence.format.test(value) ? value : undefined;
      }
      return evidence.whenAbsent;
    }
    case 'via-service':
      return viaService(record, region);
    case 'companion':
      return undefined;
  }
}

/**
 * kms:ViaService is `<service>.<region>.amazonaws.com` when a KMS-integrated service called KMS on the
 * role's behalf. Only a vetted service principal in userIdentity.invokedBy proves it: internal, signin,
 * console and other callers do not say which service made the request (AWS KMS Developer Guide).
 */
function viaService(record: JsonObject, region: string): string | undefined {
  const invokedBy = str(obj(record, 'userIdentity'), 'invokedBy');
  if (invokedBy === undefined || !isViaServicePrincipal(invokedBy) || !REGION.test(region)) return undefined;
  const service = SERVICE_PRINCIPAL.exec(invokedBy)?.[1];
  return service ? `${service}.${region}.amazonaws.com` : undefined;
}
