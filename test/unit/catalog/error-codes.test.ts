import { expect } from 'chai';
import { classifyErrorCode } from '../../../src/catalog/error-codes.ts';
import { outcomeOf } from '../../../src/ingest/outcome.ts';

describe('catalog: what an error code proves (data/error-codes.json)', () => {
  const table: [string, ReturnType<typeof classifyErrorCode>][] = [
    // Refused by authorization (CloudTrail codes seen in the shared corpora, SNS, API Gateway).
    ['AccessDenied', 'refused'],
    ['AccessDeniedException', 'refused'],
    ['Client.UnauthorizedOperation', 'refused'],
    ['UnauthorizedOperation', 'refused'],
    ['AuthorizationError', 'refused'],
    ['VpceAccessDenied', 'refused'],
    ['accessdenied', 'refused'],
    // Authorized, then failed on the resource's state.
    ['NoSuchBucketPolicy', 'failed-after-authorization'],
    ['NoSuchKey', 'failed-after-authorization'],
    ['NoSuchEntity', 'failed-after-authorization'],
    ['ConditionalCheckFailedException', 'failed-after-authorization'],
    ['TransactionCanceledException', 'failed-after-authorization'],
    ['ParameterNotFound', 'failed-after-authorization'],
    ['ResourceNotFoundException', 'failed-after-authorization'],
    ['InvalidInstanceID.NotFound', 'failed-after-authorization'],
    ['IncorrectState', 'failed-after-authorization'],
    ['Client.DryRunOperation', 'failed-after-authorization'],
    // An SDK exception class name (X-Ray Java) keeps its last part.
    ['com.amazonaws.services.dynamodbv2.model.ConditionalCheckFailedException', 'failed-after-authorization'],
    // Proves nothing: may come before authorization.
    ['ValidationException', 'unknown'],
    ['ThrottlingException', 'unknown'],
    ['ProvisionedThroughputExceededException', 'unknown'],
    ['ExpiredToken', 'unknown'],
    ['InvalidClientTokenId', 'unknown'],
    ['HTTP 500', 'unknown'],
    ['ClientError', 'unknown'],
    // Case matters for the authorized list: an odd spelling is not proof.
    ['nosuchkey', 'unknown'],
  ];
  for (const [code, want] of table) {
    it(`${code} -> ${want}`, () => expect(classifyErrorCode(code)).to.equal(want));
  }

  it('a refusal wins over a failure pattern in the same code', () => {
    expect(classifyErrorCode('AccessDeniedNotFound')).to.equal('refused');
  });

  it('gives the outcome: allowed, denied, failed, unknown', () => {
    expect(
      [undefined, null, '', 'AccessDenied', 'NoSuchKey', 'SomeErrorCode', 42].map(outcomeOf),
    ).to.deep.equal(['allowed', 'allowed', 'allowed', 'denied', 'failed', 'unknown', 'unknown']);
  });
});
