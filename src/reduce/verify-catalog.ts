import type { Catalog } from '../catalog/catalog.ts';
import { supportsConditionKey } from '../catalog/condition-evidence.ts';
import type { ActionInfo } from '../catalog/service-info.ts';
import { InternalError } from '../errors.ts';
import type { IamAction } from '../model/identifiers.ts';
import type { PolicyDocument, Statement } from '../model/policy.ts';

/** One way a generated statement does not fit the catalog. */
export interface CatalogMisfit {
  sid: string;
  action: string;
  problem: string;
}

/**
 * The second, independent self-check of a generated policy (the first, verify.ts, runs the evaluator
 * on the evidence): every action exists in the catalog, every ARN fits one of the action's resource
 * types (its iam-data ARN format, matched here without the resolver's template code), and every
 * condition key is one IAM evaluates for every action of the statement. The services of the policy's
 * actions must be loaded. Returns the misfits; never changes the policy.
 */
export function catalogMisfits(
  policy: PolicyDocument | readonly PolicyDocument[],
  catalog: Catalog,
): CatalogMisfit[] {
  const documents: readonly PolicyDocument[] = Array.isArray(policy) ? policy : [policy as PolicyDocument];
  return documents.flatMap((d) => d.Statement.flatMap((s) => statementMisfits(s, catalog)));
}

/** Throws InternalError (a bug in tightrole) when the policy does not fit the catalog. */
export function verifyCatalogFit(policy: PolicyDocument | readonly PolicyDocument[], catalog: Catalog): void {
  const misfits = catalogMisfits(policy, catalog);
  if (misfits.length === 0) return;
  const first = misfits[0]!;
  throw new InternalError(
    `catalog self-check failed (${misfits.length} problem(s)): ${first.action} in ${first.sid}: ${first.problem}`,
  );
}

function statementMisfits(statement: Statement, catalog: Catalog): CatalogMisfit[] {
  const sid = statement.Sid ?? '(no Sid)';
  if (statement.NotAction || statement.NotResource || statement.Effect !== 'Allow') {
    return [{ sid, action: '*', problem: 'a generated statement is an Allow with Action and Resource only' }];
  }
  const keys = Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
  const out: CatalogMisfit[] = [];
  for (const action of statement.Action ?? []) {
    const info = lookup(catalog, action);
    if (!info) {
      out.push({ sid, action, problem: 'no such action in the catalog' });
      continue;
    }
    for (const resource of statement.Resource ?? []) {
      if (resource !== '*' && !fitsSomeResourceType(info, resource, catalog)) {
        out.push({ sid, action, problem: `${resource} fits none of its resource types` });
      }
    }
    for (const key of keys) {
      if (!supportsConditionKey(info, key))
        out.push({ sid, action, problem: `condition key ${key} is not one it supports` });
    }
  }
  return out;
}

function lookup(catalog: Catalog, action: string): ActionInfo | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || !catalog.isLoaded(action.slice(0, colon))) return undefined;
  return catalog.actionOf(action as IamAction);
}

function fitsSomeResourceType(info: ActionInfo, resource: string, catalog: Catalog): boolean {
  const pattern = policyTokens(resource);
  return info.resourceTypes.some((rt) => {
    const format = catalog.resourceType(info.service, rt.name)?.arn;
    return format !== undefined && overlaps(pattern, formatTokens(format));
  });
}

/** A pattern token: one literal character, any one character, or any run of characters (maybe empty). */
type Token = { lit: string } | 'one' | 'any';

/** IAM resource text: `*` any run, `?` one character, `${*}` `${?}` `${$}` the literal character. */
function policyTokens(text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '$' && text[i + 1] === '{' && text[i + 3] === '}' && '*?$'.includes(text[i + 2]!)) {
      out.push({ lit: text[i + 2]! });
      i += 3;
    } else out.push(c === '*' ? 'any' : c === '?' ? 'one' : { lit: c });
  }
  return out;
}

/** An iam-data ARN format: each `${Variable}` is a non-empty value (one character, then any run). */
function formatTokens(format: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < format.length; i++) {
    const end = format[i] === '$' && format[i + 1] === '{' ? format.indexOf('}', i) : -1;
    if (end > 0) {
      out.push('one', 'any');
      i = end;
    } else out.push({ lit: format[i]! });
  }
  return out;
}

/** Is there one string both patterns match? Reachability over position pairs, O(|a| * |b|). */
function overlaps(a: readonly Token[], b: readonly Token[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * width + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop()!;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    if (x === 'any') push(i + 1, j);
    if (y === 'any') push(i, j + 1);
    if (x === undefined || y === undefined) continue;
    // One character consumed on each side (an `any` stays to take more).
    if (x === 'any' || y === 'any' || x === 'one' || y === 'one' || x.lit === y.lit) {
      push(x === 'any' ? i : i + 1, y === 'any' ? j : j + 1);
    }
  }
  return false;
}
