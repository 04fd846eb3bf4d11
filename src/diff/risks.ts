import type { IamAction } from '../model/identifiers.ts';
import type { Grant, Grants } from './grants.ts';
import type { RiskCount } from './types.ts';

interface RiskRule {
  risk: RiskCount['risk'];
  description: string;
  count: (grants: Grants) => number;
}

const onStar = (action: IamAction) => (grants: Grants) => (grants.get(action)?.onStar ? 1 : 0);

function countWhere(grants: Grants, test: (g: Grant) => boolean): number {
  let n = 0;
  for (const g of grants.values()) if (test(g)) n++;
  return n;
}

/** The grants a reviewer should never miss, in the order reports show them. */
export const RISK_RULES: readonly RiskRule[] = [
  { risk: 'pass-role-star', description: 'iam:PassRole on "*"', count: onStar('iam:PassRole') },
  { risk: 'assume-role-star', description: 'sts:AssumeRole on "*"', count: onStar('sts:AssumeRole') },
  {
    risk: 'iam-write',
    description: 'IAM write and permissions-management actions',
    count: (g) =>
      countWhere(
        g,
        (x) =>
          x.info.service === 'iam' &&
          (x.info.accessLevel === 'Write' || x.info.accessLevel === 'Permissions management'),
      ),
  },
  {
    risk: 'permissions-management',
    description: 'Permissions-management actions (any service)',
    count: (g) => countWhere(g, (x) => x.info.accessLevel === 'Permissions management'),
  },
  {
    risk: 'write-star',
    description: 'Write actions on "*"',
    count: (g) => countWhere(g, (x) => x.info.accessLevel === 'Write' && x.onStar),
  },
];

/** Each risk counted in the current grants and in the proposal's. */
export function countRisks(before: Grants, after: Grants): RiskCount[] {
  return RISK_RULES.map((r) => ({
    risk: r.risk,
    description: r.description,
    before: r.count(before),
    after: r.count(after),
  }));
}
