/** A CloudTrail record in the real shape (as delivered to S3), for an AssumedRole Lambda session. */
export function cloudTrailRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const roleArn =
    (overrides['roleArn'] as string | undefined) ??
    'arn:aws:iam::123456789012:role/service-role/orders-api-role';
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const { roleArn: _ignored, ...rest } = overrides;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEID:orders-api',
      arn: `arn:aws:sts::123456789012:assumed-role/${roleName}/orders-api`,
      accountId: '123456789012',
      accessKeyId: 'ASIAEXAMPLEKEY',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLEID',
          arn: roleArn,
          accountId: '123456789012',
          userName: roleName,
        },
        attributes: { creationDate: '2026-11-20T10:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime: '2026-11-20T10:15:00Z',
    eventSource: 'dynamodb.amazonaws.com',
    eventName: 'GetItem',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '3.250.1.1',
    userAgent: 'aws-sdk-js/3.600.0 os/linux exec-env/AWS_Lambda_nodejs20.x',
    requestParameters: { tableName: 'orders' },
    responseElements: null,
    requestID: 'REQ1',
    eventID: '0b1c2d3e-0000-4000-8000-000000000001',
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: '123456789012',
    eventCategory: 'Data',
    ...rest,
  };
}
