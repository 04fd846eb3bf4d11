import type { Arn } from '../model/identifiers.ts';
import type { LambdaConfig, PolicyGrantEntry } from './lambda-shapes.ts';

/**
 * How far outside input reaches a function, strongest first: `public` (anyone on the internet),
 * `external` (an AWS service delivering events, a queue or stream, another account), `internal`
 * (callers in this account who hold IAM permissions), `none` (no trigger found in the inputs).
 */
export type ExposureLevel = 'public' | 'external' | 'internal' | 'none';

/** The ranking factor of each level (docs/audit.md states the rule). */
export const EXPOSURE_WEIGHT: Readonly<Record<ExposureLevel, number>> = {
  public: 4,
  external: 3,
  internal: 2,
  none: 1,
};

/** One way in: a function URL, a resource-policy statement or an event source mapping. */
export interface ExposurePath {
  kind: 'url' | 'resource-policy' | 'event-source';
  level: ExposureLevel;
  /** What it is, e.g. `URL auth NONE`, `apigateway.amazonaws.com (aws:SourceArn)`, the queue ARN. */
  detail: string;
}

export interface FunctionExposure {
  function: string;
  functionArn: Arn;
  role: Arn;
  level: ExposureLevel;
  paths: ExposurePath[];
}

// Conditions that pin a "*" principal to a source: the statement then admits one service's events.
const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:principalorgid', 'aws:sourceorgid'];

/** Each listed function's ways in and its level (the strongest path). Pure, deterministic order. */
export function functionExposures(config: LambdaConfig): FunctionExposure[] {
  return [...config.functions]
    .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
    .map((f) => {
      const account = f.arn.split(':')[4] ?? '';
      const paths: ExposurePath[] = [
        ...config.urls
          .filter((u) => u.functionArn === f.arn)
          .map((u): ExposurePath => ({
            kind: 'url',
            level: u.authType === 'NONE' ? 'public' : 'internal',
            detail: `function URL, auth ${u.authType}`,
          })),
        ...config.grants.filter((g) => g.functionArn === f.arn).map((g) => grantPath(g, account)),
        ...config.mappings
          .filter((m) => m.functionArn === f.arn)
          .map((m): ExposurePath => ({
            kind: 'event-source',
            level: 'external',
            detail: `${m.eventSourceArn} (${m.state})`,
          })),
      ];
      const unique = [
        ...new Map(paths.map((p) => [`${p.kind}\u0000${p.level}\u0000${p.detail}`, p])).values(),
      ];
      unique.sort((a, b) => EXPOSURE_WEIGHT[b.level] - EXPOSURE_WEIGHT[a.level] || cmp(a.detail, b.detail));
      return { function: f.name, functionArn: f.arn, role: f.role, level: strongest(unique), paths: unique };
    });
}

function grantPath(g: PolicyGrantEntry, account: string): ExposurePath {
  const pinned = g.conditionKeys.filter((k) => SOURCE_KEYS.includes(k));
  const how = pinned.length > 0 ? ` (${pinned.join(', ')})` : '';
  const sid = g.sid === '' ? '' : ` [${g.sid}]`;
  if (g.principal.kind === 'service')
    return { kind: 'resource-policy', level: 'external', detail: `${g.principal.service}${how}${sid}` };
  if (g.principal.kind === 'account')
    return {
      kind: 'resource-policy',
      level: g.principal.account === account ? 'internal' : 'external',
      detail: `account ${g.principal.account}${sid}`,
    };
  // "*": anyone, unless a source condition pins it or only IAM-authenticated URL calls are allowed.
  const iamUrlOnly = g.urlAuthTypes.length > 0 && g.urlAuthTypes.every((t) => t === 'AWS_IAM');
  if (iamUrlOnly)
    return { kind: 'resource-policy', level: 'internal', detail: `"*" with URL auth AWS_IAM${sid}` };
  return {
    kind: 'resource-policy',
    level: pinned.length > 0 ? 'external' : 'public',
    detail: `"*"${how}${sid}`,
  };
}

function strongest(paths: readonly ExposurePath[]): ExposureLevel {
  return paths.reduce<ExposureLevel>(
    (best, p) => (EXPOSURE_WEIGHT[p.level] > EXPOSURE_WEIGHT[best] ? p.level : best),
    'none',
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
