/** JSON schema of an IAM policy document in the AWS shape (`string | string[]`), checked with ajv. */
const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const conditionValue = {
  anyOf: [
    { type: ['string', 'number', 'boolean'] },
    { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
  ],
};
const principal = {
  anyOf: [
    { const: '*' },
    {
      type: 'object',
      additionalProperties: stringOrList,
      propertyNames: { enum: ['AWS', 'Service', 'Federated', 'CanonicalUser', '*'] },
    },
  ],
};

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

export const POLICY_SCHEMA = {
  type: 'object',
  properties: {
    Version: { enum: ['2012-10-17', '2008-10-17'] },
    Id: { type: 'string' },
    // A single Statement object is wrapped in an array before validation.
    Statement: { type: 'array', items: statement },
  },
  required: ['Statement'],
  additionalProperties: false,
} as const;
