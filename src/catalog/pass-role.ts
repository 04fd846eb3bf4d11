import type { IamAction } from '../model/identifiers.ts';
import data from './data/pass-role.json' with { type: 'json' };

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
    .flatMap((path) => valuesAt(params, path.split('.')))
    .map((role) => ({ role, service: spec.service }));
}

/** Every action that can pass a role (for the data test). */
export function passRoleActions(): string[] {
  return Object.keys(CALLS);
}

function valuesAt(value: unknown, path: string[]): string[] {
  if (path.length === 0) return typeof value === 'string' && value !== '' ? [value] : [];
  const [head, ...rest] = path as [string, ...string[]];
  const isArray = head.endsWith('[]');
  const key = isArray ? head.slice(0, -2) : head;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const next = (value as Record<string, unknown>)[key];
  if (!isArray) return valuesAt(next, rest);
  return Array.isArray(next) ? next.flatMap((item) => valuesAt(item, rest)) : [];
}
