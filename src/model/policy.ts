/** IAM policy grammar as held internally: every list is an array (the AWS `string | string[]` shape
 * exists only when parsing and rendering). */

export type Effect = 'Allow' | 'Deny';

/** `{ "StringEquals": { "aws:RequestedRegion": ["eu-west-1"] } }` — operator -> key -> values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** `"*"` or `{ "AWS": [...], "Service": [...] }`. Identity policies have none. */
export type Principal = '*' | Record<string, string[]>;

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: Principal;
  NotPrincipal?: Principal;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: Statement[];
}

export const POLICY_VERSION = '2012-10-17' as const;
