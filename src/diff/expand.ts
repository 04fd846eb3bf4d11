import { boundedMemo } from '../bounded-memo.ts';
import type { ServiceInfo } from '../catalog/service-info.ts';
import type { IamAction } from '../model/identifiers.ts';
import type { Statement } from '../model/policy.ts';
import { expandActionPatterns } from '../policy/expand.ts';
import type { AccessLevel } from './types.ts';

/** One concrete action the catalog knows, with its access level. */
export interface CatalogAction {
  action: IamAction;
  service: string;
  accessLevel: AccessLevel;
}

/** Every catalog action, sorted, with a per-service index for patterns that name their service. */
export interface ActionIndex {
  all: readonly CatalogAction[];
  byService: ReadonlyMap<string, readonly CatalogAction[]>;
}

/**
 * iam-data writes some levels as pairs ("Permissions management, Write", "Tagging, Write"); the
 * Service Authorization Reference lists one level per action, the first.
 */
export function normalizeAccessLevel(level: string): AccessLevel {
  if (/permissions management/i.test(level)) return 'Permissions management';
  if (/tagging/i.test(level)) return 'Tagging';
  if (/^list/i.test(level)) return 'List';
  if (/^read/i.test(level)) return 'Read';
  return 'Write';
}

/** Indexes the loaded services' actions (load every service first for a complete expansion). */
export function indexActions(services: readonly ServiceInfo[]): ActionIndex {
  const byService = new Map<string, CatalogAction[]>();
  for (const service of services) {
    const list = [...service.actions.values()].map((a) => ({
      action: a.action,
      service: service.prefix,
      accessLevel: normalizeAccessLevel(a.accessLevel),
    }));
    byService.set(service.prefix.toLowerCase(), list.sort(byAction));
  }
  const all = [...byService.values()].flat().sort(byAction);
  return { all, byService };
}

function byAction(a: CatalogAction, b: CatalogAction): number {
  return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
}

/**
 * The catalog actions one pattern (`s3:Get*`, `*`, `S3:getobject`) matches, case-insensitively.
 * Remembered per index: a policy repeats its patterns across thousands of statements (issue #19.10).
 * Callers must not change the list returned.
 */
export function expandPattern(pattern: string, index: ActionIndex): CatalogAction[] {
  let memo = EXPANDED.get(index);
  if (!memo) EXPANDED.set(index, (memo = boundedMemo((p) => expandUncached(p, index), 10_000)));
  return memo(pattern);
}

const EXPANDED = new WeakMap<ActionIndex, (pattern: string) => CatalogAction[]>();

function expandUncached(pattern: string, index: ActionIndex): CatalogAction[] {
  const colon = pattern.indexOf(':');
  const service = colon > 0 ? pattern.slice(0, colon) : '';
  const candidates =
    service !== '' && !/[*?$]/.test(service) ? index.byService.get(service.toLowerCase()) : index.all;
  const list = candidates ?? [];
  const matched = new Set(
    expandActionPatterns(
      [pattern],
      list.map((a) => a.action),
    ),
  );
  return list.filter((a) => matched.has(a.action));
}

/** The concrete actions a statement's Action (or, for NotAction, every action it does not name) covers. */
export function statementActions(statement: Statement, index: ActionIndex): CatalogAction[] {
  if (statement.Action) {
    const seen = new Map<string, CatalogAction>();
    for (const pattern of statement.Action)
      for (const a of expandPattern(pattern, index)) seen.set(a.action, a);
    return [...seen.values()].sort(byAction);
  }
  const excluded = new Set(
    (statement.NotAction ?? []).flatMap((p) => expandPattern(p, index)).map((a) => a.action),
  );
  return index.all.filter((a) => !excluded.has(a.action));
}
