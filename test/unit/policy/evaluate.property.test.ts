import { expect } from 'chai';
import fc from 'fast-check';
import type { PolicyDocument, Statement } from '../../../src/model/policy.ts';
import { CONDITION_OPERATORS } from '../../../src/policy/conditions.ts';
import { evaluateRequest, type EvaluationRequest } from '../../../src/policy/evaluate.ts';

const text = fc.oneof(
  fc.constantFrom(
    '*',
    's3:*',
    's3:GetObject',
    'arn:aws:s3:::b/*',
    '${aws:username}',
    "${k, 'd'}",
    '${',
    '${*}',
    '',
  ),
  fc.constantFrom(
    '10.0.0.0/8',
    '2001:db8::/32',
    '10.1.2.3',
    '::1',
    '1700000000',
    '2026-11-25T00:00:00Z',
    'true',
  ),
  fc.string({ maxLength: 12 }),
);
const list = fc.array(text, { maxLength: 3 });
const key = fc.constantFrom('k', 'K', 'aws:username', 'aws:SourceIp', 'aws:CurrentTime');
const operator = fc.oneof(
  fc.constantFrom(...CONDITION_OPERATORS, 'toString', '__proto__', 'constructor', 'hasOwnProperty'),
  fc
    .tuple(
      fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:', 'Bogus:'),
      fc.constantFrom(...CONDITION_OPERATORS),
      fc.constantFrom('', 'IfExists'),
    )
    .map(([a, b, c]) => `${a}${b}${c}`),
  fc.string({ maxLength: 10 }),
);
const condition = fc.dictionary(operator, fc.dictionary(key, list, { maxKeys: 2 }), { maxKeys: 3 });

const statement: fc.Arbitrary<Statement> = fc.record(
  {
    Sid: fc.string({ maxLength: 4 }),
    Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    Action: list,
    NotAction: list,
    Resource: list,
    NotResource: list,
    Condition: condition,
  },
  { requiredKeys: ['Effect'] },
);
const policy: fc.Arbitrary<PolicyDocument> = fc.record({
  Version: fc.constantFrom('2012-10-17' as const, '2008-10-17' as const),
  Statement: fc.array(statement, { maxLength: 4 }),
});
const request: fc.Arbitrary<EvaluationRequest> = fc.record(
  {
    action: fc.oneof(fc.constantFrom('s3:GetObject', 'sqs:SendMessage'), fc.string({ maxLength: 10 })),
    resource: fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::b/k'), fc.string({ maxLength: 10 })),
    context: fc.dictionary(key, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 3 }),
  },
  { requiredKeys: ['action', 'resource'] },
);

const SEVERITY = ['allowed', 'conditional', 'implicit-deny', 'explicit-deny'];

describe('evaluateRequest (properties)', () => {
  it('never throws on arbitrary policy-shaped input, and always returns a decision', () => {
    fc.assert(
      fc.property(
        fc.array(policy, { maxLength: 3 }),
        request,
        fc.option(fc.array(policy, { maxLength: 2 })),
        (ps, r, b) => {
          const result = evaluateRequest(ps, r, b === null ? {} : { boundary: b });
          expect(SEVERITY).to.include(result.decision);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('an unconditional Deny * on * always wins', () => {
    const deny: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'] }],
    };
    fc.assert(
      fc.property(fc.array(policy, { maxLength: 2 }), request, (ps, r) => {
        expect(evaluateRequest([...ps, deny], r).decision).to.equal('explicit-deny');
      }),
    );
  });

  it('a boundary never makes a decision more permissive', () => {
    fc.assert(
      fc.property(
        fc.array(policy, { maxLength: 2 }),
        fc.array(policy, { maxLength: 2 }),
        request,
        (ps, b, r) => {
          const alone = evaluateRequest(ps, r).decision;
          const bounded = evaluateRequest(ps, r, { boundary: b }).decision;
          expect(SEVERITY.indexOf(bounded)).to.be.greaterThanOrEqual(SEVERITY.indexOf(alone));
        },
      ),
    );
  });

  it('is never conditional when no statement has a condition or a variable', () => {
    const plain = statement.map((s): Statement => {
      const { Condition: _c, ...rest } = s;
      const clean = (l: string[] | undefined) => l?.map((p) => p.replaceAll('$', ''));
      return {
        ...rest,
        ...(rest.Resource ? { Resource: clean(rest.Resource)! } : {}),
        ...(rest.NotResource ? { NotResource: clean(rest.NotResource)! } : {}),
      };
    });
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 4 }), request, (statements, r) => {
        expect(evaluateRequest([{ Version: '2012-10-17', Statement: statements }], r).decision).to.not.equal(
          'conditional',
        );
      }),
    );
  });
});
