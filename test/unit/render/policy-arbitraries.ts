import fc from 'fast-check';
import type { ConditionBlock, PolicyDocument, Principal, Statement } from '../../../src/model/policy.ts';

/** Pieces that break naive HCL, YAML or JSON writers: template syntax, quotes, comments, heredocs, controls. */
export const HOSTILE_PIECES = [
  '${',
  '%{',
  '$${',
  '%%{',
  '$$',
  '}',
  '{',
  '"',
  "'",
  '\\',
  '\\n',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
  '<<EOF',
  '<<-EOF\n',
  '\nEOF',
  '#',
  '//',
  '/*',
  '*/',
  '${aws:username}',
  '${var.x}',
  '%{ if true }',
  '${AWS::AccountId}',
  '&a',
  '*a',
  '!Ref x',
  '- x',
  ': ',
  '---',
  'é',
  '😀',
  '*',
  '?',
  ' ',
  'a',
] as const;

/** Strings mixing hostile pieces and arbitrary code points; NFC only (HCL would normalize the rest). */
export const hostileString: fc.Arbitrary<string> = fc
  .oneof(
    fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 6 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 12 }),
  )
  .filter((s) => s.normalize('NFC') === s && s !== '__proto__');

const values = fc.array(hostileString, { minLength: 1, maxLength: 3 });

const principal: fc.Arbitrary<Principal> = fc.oneof(
  fc.constant('*' as const),
  fc.dictionary(
    fc.oneof(
      fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser'),
      hostileString.filter((s) => s !== '*'),
    ),
    values,
    { minKeys: 1, maxKeys: 2 },
  ),
);

const condition: fc.Arbitrary<ConditionBlock> = fc.dictionary(
  fc.oneof(fc.constantFrom('StringEquals', 'StringLike', 'Bool', 'ArnLike'), hostileString),
  fc.dictionary(hostileString, values, { minKeys: 1, maxKeys: 2 }),
  { minKeys: 1, maxKeys: 2 },
);

/** Statements in the model's shape with every element present or absent, every string hostile. */
export const hostileStatement: fc.Arbitrary<Statement> = fc.record(
  {
    Sid: hostileString.filter((s) => s !== ''),
    Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    Action: values,
    NotAction: values,
    Resource: values,
    NotResource: values,
    Principal: principal,
    NotPrincipal: principal,
    Condition: condition,
  },
  { requiredKeys: ['Effect'] },
);

export const hostilePolicy: fc.Arbitrary<PolicyDocument> = fc.record(
  {
    Version: fc.constantFrom('2012-10-17' as const, '2008-10-17' as const),
    Id: hostileString,
    Statement: fc.array(hostileStatement, { maxLength: 3 }),
  },
  { requiredKeys: ['Version', 'Statement'] },
);
