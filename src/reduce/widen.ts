import type { PolicyDocument, Statement } from '../model/policy.ts';
import { fitPolicy, type FitResult, type PolicyLimits } from './limits.ts';

/** One widening `--compact` made, with what it adds: listed in the report, never silent. */
export interface Widening {
  actions: string[];
  removed: string[];
  added: string;
}

/**
 * Last resort, only when asked (`--compact`): replace the longest resource list of a statement by
 * its common ARN prefix + `*` (never shorter than `arn:partition:service:region:account:`), until the
 * policy fits. Every step is returned so the user sees exactly what was widened.
 */
export function widenToFit(
  policy: PolicyDocument,
  limits: PolicyLimits,
): { fit: FitResult; widenings: Widening[] } {
  let current = policy;
  const widenings: Widening[] = [];
  for (;;) {
    const fit = fitPolicy(current, limits);
    if (fit.kind !== 'too-large') return { fit, widenings };
    const target = [...current.Statement.entries()]
      .filter(([, s]) => (s.Resource?.length ?? 0) > 1 && commonPattern(s.Resource!) !== undefined)
      .sort(([, a], [, b]) => (b.Resource?.length ?? 0) - (a.Resource?.length ?? 0))[0];
    if (!target) return { fit, widenings };
    const [index, statement] = target;
    const added = commonPattern(statement.Resource!)!;
    widenings.push({ actions: statement.Action ?? [], removed: statement.Resource!, added });
    const widened: Statement = { ...statement, Resource: [added] };
    current = { ...current, Statement: current.Statement.map((s, i) => (i === index ? widened : s)) };
  }
}

function commonPattern(resources: readonly string[]): string | undefined {
  let prefix = resources[0] ?? '';
  for (const r of resources) while (!r.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Keep at least the ARN envelope (service, region, account) and never end inside an escape.
  const envelope = (resources[0] ?? '').split(':').slice(0, 5).join(':').length + 1;
  prefix = prefix.replace(/\$\{[*?$]?$/, '');
  if (prefix.length < envelope) return undefined;
  return `${prefix}*`;
}
