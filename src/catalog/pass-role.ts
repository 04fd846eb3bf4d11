import type { IamAction } from '../model/identifiers.ts';
import data from './data/pass-role.json' with { type: 'json' };
import { compilePath, valuesAt } from './param-path.ts';

interface PassRoleCall {
  params: string[];
  service: string;
}

const CALLS = data.calls as Record<string, PassRoleCall>;

/** A role a call passed to a service, from its request parameters (ARN or bare name, untrusted). */
export interface PassedRole {
  role: string;
  service: string;
}

/** Roles this call passes (so it also needed iam:PassRole on them). */
export function passedRoles(action: IamAction, params: Readonly<Record<string, unknown>>): PassedRole[] {
  const spec = CALLS[action];
  if (!spec) return [];
  return spec.params
    .flatMap((path) => {
      const found = valuesAt(params, compilePath(path));
      return found.kind === 'values' ? found.values : [];
    })
    .map((role) => ({ role, service: spec.service }));
}

/** Every action that can pass a role (for the data test). */
export function passRoleActions(): string[] {
  return Object.keys(CALLS);
}
