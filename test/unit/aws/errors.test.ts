import { expect } from 'chai';
import { awsCall, isAccessDenied, toAwsError } from '../../../src/aws/errors.ts';
import { AwsError } from '../../../src/errors.ts';

const CALL = {
  api: 'S3 GetObject',
  region: 'eu-west-1',
  grant: { action: 's3:GetObject', resource: 'arn:aws:s3:::trail/AWSLogs/x.json.gz' },
};
const sdkError = (name: string, status: number, message = 'nope') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts: 3 } });

describe('toAwsError: SDK errors that say what to do', () => {
  it('names the API, region and the action and resource to grant on AccessDenied', () => {
    const error = toAwsError(sdkError('AccessDenied', 403, 'Access Denied'), CALL);
    expect(error).to.be.instanceOf(AwsError);
    expect(error.message).to.equal(
      'S3 GetObject in eu-west-1 was refused (AccessDenied: Access Denied); grant s3:GetObject on arn:aws:s3:::trail/AWSLogs/x.json.gz (see: tightrole permissions)',
    );
    expect(isAccessDenied(error)).to.equal(true);
  });

  it('treats any 403 as a refusal', () => {
    expect(toAwsError(sdkError('Forbidden', 403), CALL).message).to.match(/was refused/);
    expect(isAccessDenied(sdkError('UnknownError', 403))).to.equal(true);
  });

  it('says how many attempts a throttled call made', () => {
    expect(toAwsError(sdkError('ThrottlingException', 400, 'Rate exceeded'), CALL).message).to.equal(
      'S3 GetObject in eu-west-1 was throttled after 3 attempts (ThrottlingException: Rate exceeded); retry later',
    );
  });

  it('points at --profile when credentials are missing or invalid', () => {
    expect(
      toAwsError(sdkError('CredentialsProviderError', 0, 'Could not load credentials'), CALL).message,
    ).to.match(/--profile/);
    expect(toAwsError(sdkError('ExpiredToken', 400), CALL).message).to.match(/no valid AWS credentials/);
  });

  it('points at --region when the SDK has none', () => {
    expect(
      toAwsError(new Error('Region is missing'), { ...CALL, region: undefined as never }).message,
    ).to.equal('S3 GetObject: no AWS region; pass --region or set AWS_REGION');
  });

  it('wraps other failures with the API name, and passes AwsErrors through', async () => {
    const other = toAwsError(sdkError('NoSuchKey', 404, 'gone'), CALL);
    expect(other.message).to.equal('S3 GetObject in eu-west-1 failed (NoSuchKey: gone)');
    expect(isAccessDenied(other)).to.equal(false);
    expect(toAwsError(other, CALL)).to.equal(other);
    const thrown = await awsCall(CALL, () => Promise.reject(sdkError('AccessDenied', 403))).catch(
      (e: unknown) => e,
    );
    expect(thrown).to.be.instanceOf(AwsError);
  });
});
