export type * from './identifiers.ts';
export type * from './observation.ts';
export type * from './policy.ts';
export type * from './fact.ts';
export type * from './skip-reason.ts';
export type * from './mask.ts';
export { isArn } from './identifiers.ts';
export { POLICY_VERSION } from './policy.ts';
