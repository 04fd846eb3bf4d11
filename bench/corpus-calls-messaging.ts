import type { CallSpec, CallTemplate } from './corpus-calls.ts';
import type { RoleResources } from './corpus-roles.ts';

type Json = Record<string, unknown>;

const queueUrl = (res: RoleResources) =>
  `https://sqs.${res.region}.amazonaws.com/${res.account}/${res.queue}`;

function sqs(
  res: RoleResources,
  name: string,
  weight: number,
  readOnly: boolean,
  params: Json,
  category: CallSpec['category'] = 'Data',
): CallSpec {
  return {
    source: 'sqs',
    name,
    weight,
    category,
    readOnly,
    viaVpce: true,
    params: () => ({ queueUrl: queueUrl(res), ...params }),
  };
}

const sqsTemplates: CallTemplate[] = [
  (res) =>
    sqs(res, 'SendMessage', 3, false, { messageBody: 'HIDDEN_DUE_TO_SECURITY_REASONS', delaySeconds: 0 }),
  (res) =>
    sqs(res, 'ReceiveMessage', 3, true, {
      maxNumberOfMessages: 10,
      waitTimeSeconds: 20,
      visibilityTimeout: 60,
    }),
  (res) => ({
    ...sqs(res, 'DeleteMessage', 2, false, {}),
    params: (rng) => ({ queueUrl: queueUrl(res), receiptHandle: `AQEB${rng.alnum(180)}` }),
  }),
  (res) =>
    sqs(
      res,
      'GetQueueAttributes',
      1,
      true,
      { attributeNames: ['ApproximateNumberOfMessages', 'VisibilityTimeout'] },
      'Management',
    ),
];

const snsPublish: CallTemplate = (res) => {
  const topicArn = `arn:aws:sns:${res.region}:${res.account}:${res.topic}`;
  return {
    source: 'sns',
    name: 'Publish',
    weight: 2,
    category: 'Data',
    readOnly: false,
    params: () => ({ topicArn, message: 'HIDDEN_DUE_TO_SECURITY_REASONS', messageStructure: 'json' }),
    resources: () => [{ accountId: res.account, type: 'AWS::SNS::Topic', ARN: topicArn }],
    response: (rng) => ({ messageId: rng.uuid() }),
  };
};

const lambdaInvoke: CallTemplate = (res) => {
  const target = `arn:aws:lambda:${res.region}:${res.account}:function:${res.fn.replace(/-\d+$/, '')}-helper`;
  return {
    source: 'lambda',
    name: 'Invoke',
    weight: 1,
    category: 'Data',
    readOnly: false,
    params: () => ({ functionName: target, invocationType: 'RequestResponse', sourceArn: null }),
    resources: () => [{ accountId: res.account, type: 'AWS::Lambda::Function', ARN: target }],
  };
};

/** SQS, SNS and Lambda calls. */
export const MESSAGING_TEMPLATES: readonly CallTemplate[] = [...sqsTemplates, snsPublish, lambdaInvoke];
