/**
 * JSON schema of an IAM policy document in the AWS shape (`string | string[]`), checked with ajv.
 * Written without `anyOf` so that a mistake yields one error at the deepest path, not one per branch.
 * What a schema says badly (exactly one of Action/NotAction, ...) is checked in parse.ts.
 */
const stringOrList = { type: ['string', 'array'], items: { type: 'string' } } as const;

const scalar = ['string', 'number', 'boolean'] as const;

/** Condition values: IAM accepts numbers and booleans and compares them as strings. */
const conditionValue = { type: [...scalar, 'array'], items: { type: scalar } } as const;

const principal = {
  type: ['string', 'object'],
  if: { type: 'string' },
  then: { const: '*' },
  else: {
    additionalProperties: stringOrList,
    propertyNames: { enum: ['AWS', 'Service', 'Federated', 'CanonicalUser'] },
  },
} as const;

const statement = {
  type: 'object',
  properties: {
    Sid: { type: 'string' },
    Effect: { enum: ['Allow', 'Deny'] },
    Action: stringOrList,
    NotAction: stringOrList,
    Resource: stringOrList,
    NotResource: stringOrList,
    Principal: principal,
    NotPrincipal: principal,
    Condition: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: conditionValue },
    },
  },
  required: ['Effect'],
  additionalProperties: false,
} as const;

/** The document; a single Statement object is wrapped in an array before validation. */
export const POLICY_SCHEMA = {
  type: 'object',
  properties: {
    Version: { enum: ['2012-10-17', '2008-10-17'] },
    Id: { type: 'string' },
    Statement: { type: 'array', items: statement },
  },
  required: ['Statement'],
  additionalProperties: false,
} as const;
