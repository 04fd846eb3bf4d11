import type { Catalog } from '../catalog/catalog.ts';
import { InputError, InternalError, UsageError } from '../errors.ts';
import { selectsFact } from '../reduce/options.ts';
import { verifyCatalogFit } from '../reduce/verify-catalog.ts';
import { roleNameOf } from '../ingest/principal.ts';
import type { Fact } from '../model/fact.ts';
import type { Arn, IamAction } from '../model/identifiers.ts';
import { buildBoundary, type Boundary, type BoundaryOptions } from '../audit/boundary-build.ts';
import { proveBoundary, type BoundaryProof } from '../audit/boundary-proof.ts';
import type { EvidenceDeps } from './evidence.ts';
import { generate, type GenerateOptions, type RoleOutput } from './generate.ts';
import type { RunReport } from './run-report.ts';

export interface BoundaryRunOptions extends GenerateOptions, BoundaryOptions {
  /** Role-name glob (`*`, `?`, case-insensitive) selecting roles from the evidence, with or instead of `roles`. */
  rolePattern?: string;
}

export interface BoundaryResult {
  boundary: Boundary;
  roles: Arn[];
  proof: BoundaryProof;
  /** Each role's proposal, as `generate` makes it (the proof checks them under the boundary). */
  proposals: RoleOutput[];
  report: RunReport;
}

/**
 * A permissions boundary for a set of roles from their combined evidence, proven on every run:
 * each role's proposal still allows every call it was made for with the boundary applied, and
 * escalation and boundary removal are explicitly denied (see proveBoundary).
 */
export async function boundary(options: BoundaryRunOptions, deps: EvidenceDeps): Promise<BoundaryResult> {
  if (options.roles.length === 0 && options.rolePattern === undefined)
    throw new UsageError('name the roles: --role NAME|ARN (repeatable) or --role-pattern GLOB');
  const { results, report, facts } = await generate(
    { ...options, roles: options.rolePattern === undefined ? options.roles : [] },
    deps,
  );
  const match = options.rolePattern === undefined ? () => true : globMatcher(options.rolePattern);
  const wanted = new Set(options.roles.map((r) => r.toLowerCase()));
  const selected = results.filter(
    (r) =>
      match(roleNameOf(r.principal)) ||
      wanted.has(r.principal.toLowerCase()) ||
      wanted.has(roleNameOf(r.principal).toLowerCase()),
  );
  if (selected.length === 0)
    throw new InputError(`no role in the evidence matches --role-pattern ${options.rolePattern ?? ''}`);
  const roles = selected.map((r) => r.principal);
  const byRole = new Map<string, Fact[]>();
  for (const f of facts)
    if (selectsFact(options.reduce, f)) byRole.set(f.principal, [...(byRole.get(f.principal) ?? []), f]);
  const chosen = roles.flatMap((r) => byRole.get(r) ?? []);
  const built = buildBoundary(chosen, roles, options);
  const proof = proveBoundary(
    built,
    selected.map((r) => ({
      role: r.principal,
      documents: r.documents,
      facts: byRole.get(r.principal) ?? [],
    })),
    options.policyName,
  );
  // Each proposal passed the catalog self-check inside generate; the boundary gets the same check.
  await deps.catalog.ensure(new Set(built.document.Statement.flatMap((s) => s.Action ?? []).map(prefixOf)));
  verifyBoundaryCatalogFit(built, deps.catalog);
  return { boundary: built, roles, proof, proposals: selected, report };
}

/**
 * The SAR check of the boundary (src/reduce/verify-catalog.ts): its action-level Allow statements fit
 * the catalog (actions exist, condition keys apply); every service or action it names or denies exists.
 * A misfit is a bug in tightrole (InternalError).
 */
function verifyBoundaryCatalogFit(built: Boundary, catalog: Catalog): void {
  const allows = built.document.Statement.filter(
    (s) => s.Effect === 'Allow' && !(s.Action ?? []).some(isServiceWildcard),
  );
  verifyCatalogFit({ ...built.document, Statement: allows }, catalog);
  for (const s of built.document.Statement)
    for (const action of s.Action ?? []) {
      const known = isServiceWildcard(action)
        ? catalog.service(prefixOf(action)) !== undefined
        : catalog.actionOf(action as IamAction)?.action === action;
      if (!known)
        throw new InternalError(
          `boundary catalog self-check failed: ${action} in ${s.Sid ?? '(no Sid)'} is not in the catalog`,
        );
    }
}

const prefixOf = (action: string) => action.slice(0, action.indexOf(':'));
const isServiceWildcard = (action: string) => action.endsWith(':*');

/** A case-insensitive whole-name glob: `*` any run, `?` one character; nothing else is special. */
export function globMatcher(glob: string): (name: string) => boolean {
  const source = [...glob]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`, 'i');
  return (name) => re.test(name);
}
