import type { IamAction } from '../model/identifiers.ts';
import { own } from './own.ts';

/** One IAM action a call needs, with parameters specific to it (e.g. one transaction item's table). */
export interface ExpandedCall {
  action: IamAction;
  params?: Record<string, unknown>;
}

/**
 * Calls whose actions depend on the request body, referenced by name from data/event-actions.json.
 * Each reads untrusted parameters defensively and returns [] when it cannot tell.
 */
export const EXPANDERS: Record<string, (params: Readonly<Record<string, unknown>>) => ExpandedCall[]> = {
  // TransactWriteItems/TransactGetItems: requestItems[] = { operation: Put|Update|Delete|ConditionCheck|Get, tableName }.
  'dynamodb-transact-items': (params) =>
    listOf(params['requestItems'] ?? params['transactItems']).flatMap((item) => {
      const operation = typeof item['operation'] === 'string' ? item['operation'] : 'Get';
      const action = own(TRANSACT_OPERATIONS, operation.toLowerCase());
      if (!action) return [];
      // The AWS docs' own TransactWriteItems records spell it TableName in some items.
      const tableName = item['tableName'] ?? item['TableName'];
      return [{ action, params: typeof tableName === 'string' ? { tableName } : {} }];
    }),
  // PartiQL: the statement's first keyword decides the action (DynamoDB developer guide, PartiQL IAM).
  'dynamodb-partiql': (params) => {
    const statements = [
      params['statement'],
      ...listOf(params['requestItems'] ?? params['transactStatements']).map((i) => i['statement']),
    ];
    return statements.flatMap((s) => {
      if (typeof s !== 'string') return [];
      const keyword = /^\s*([A-Za-z]+)/.exec(s)?.[1]?.toLowerCase() ?? '';
      const action = own(PARTIQL_KEYWORDS, keyword);
      return action ? [{ action }] : [];
    });
  },
};

const TRANSACT_OPERATIONS: Record<string, IamAction> = {
  put: 'dynamodb:PutItem',
  update: 'dynamodb:UpdateItem',
  delete: 'dynamodb:DeleteItem',
  conditioncheck: 'dynamodb:ConditionCheckItem',
  get: 'dynamodb:GetItem',
};

const PARTIQL_KEYWORDS: Record<string, IamAction> = {
  select: 'dynamodb:PartiQLSelect',
  insert: 'dynamodb:PartiQLInsert',
  update: 'dynamodb:PartiQLUpdate',
  delete: 'dynamodb:PartiQLDelete',
};

function listOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
}
