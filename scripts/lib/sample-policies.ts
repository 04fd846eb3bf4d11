/** What the sample roles carry today: the broad policies teams attach by hand, for the diff. */
export const CURRENT_POLICIES: Record<string, unknown> = {
  'orders-api-role': {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Data', Effect: 'Allow', Action: ['dynamodb:*', 'sqs:*'], Resource: '*' },
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:*:*:*',
      },
    ],
  },
  'receipt-worker-role': {
    RoleName: 'receipt-worker-role',
    PolicyName: 'receipt-worker-inline',
    PolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'sns:*'], Resource: '*' },
        { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: '*',
        },
      ],
    },
  },
  'nightly-report-role': {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      { Effect: 'Allow', Action: ['ssm:Get*', 'ssm:Describe*'], Resource: '*' },
      { Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' },
      { Effect: 'Allow', Action: ['logs:*'], Resource: '*' },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ],
  },
};
