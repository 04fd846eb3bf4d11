import type { ActionInfo, ServiceInfo } from '../../../src/catalog/service-info.ts';
import { indexActions, type ActionIndex } from '../../../src/diff/expand.ts';
import type { Fact } from '../../../src/model/fact.ts';
import type { Arn, IamAction } from '../../../src/model/identifiers.ts';
import type { PolicyDocument, Statement } from '../../../src/model/policy.ts';

const SERVICES: Record<string, Record<string, string>> = {
  s3: {
    GetObject: 'Read',
    PutObject: 'Write',
    ListBucket: 'List',
    PutBucketPolicy: 'Permissions management, Write',
    TagResource: 'Tagging, Write',
  },
  iam: {
    PassRole: 'Write',
    CreateRole: 'Write',
    PutRolePolicy: 'Permissions management, Write',
    GetRole: 'Read',
  },
  sts: { AssumeRole: 'Write', GetCallerIdentity: 'Read' },
};

/** A small in-memory catalog: 11 actions in s3, iam and sts, iam-data's paired access levels included. */
export function fakeServices(): ServiceInfo[] {
  return Object.entries(SERVICES).map(([prefix, actions]) => ({
    prefix,
    actions: new Map(
      Object.entries(actions).map(([name, level]): [string, ActionInfo] => [
        name.toLowerCase(),
        {
          action: `${prefix}:${name}` as IamAction,
          service: prefix,
          name,
          accessLevel: level,
          resourceTypes: [],
          conditionKeys: [],
          dependentActions: [],
        },
      ]),
    ),
    resourceTypes: new Map(),
  }));
}

export function fakeIndex(): ActionIndex {
  return indexActions(fakeServices());
}

export const ROLE: Arn = 'arn:aws:iam::123456789012:role/app-role';

export function policy(...Statement: Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement };
}

export function fact(action: string, resources: string[] | '*', extra: Partial<Fact> = {}): Fact {
  return {
    principal: ROLE,
    action: action as IamAction,
    resources: resources as Fact['resources'],
    context: {},
    outcome: 'allowed',
    count: 1,
    firstSeen: '2026-11-18T00:00:00.000Z',
    lastSeen: '2026-11-18T00:00:00.000Z',
    sources: ['cloudtrail'],
    inferred: false,
    ...extra,
  };
}
