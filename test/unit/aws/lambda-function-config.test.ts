import { expect } from 'chai';
import { readFunctionKnowledge } from '../../../src/app/function-knowledge.ts';
import { lambdaConfigApi } from '../../../src/aws/lambda.ts';
import type { LambdaFunction } from '../../../src/ingest/lambda-functions.ts';
import { fastRetries, TEST_CREDENTIALS } from '../../support/local-aws.ts';
import { lambdaError, startLocalLambda, type LocalLambda } from '../../support/local-lambda.ts';

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:receipt-worker';
const ROLE = 'arn:aws:iam::123456789012:role/receipt-worker-role';
const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:order-events';
const options = (endpoint: string) => ({
  region: 'eu-west-1',
  endpointUrl: endpoint,
  credentials: TEST_CREDENTIALS,
  retryStrategy: fastRetries(2),
});
const candidate = (name: string): LambdaFunction => ({
  role: ROLE as LambdaFunction['role'],
  name,
  partition: 'aws',
  region: 'eu-west-1',
  account: '123456789012',
  evidence: ['assumed-by-lambda'],
  logGroups: [`/aws/lambda/${name}`],
  logGroupFrom: 'observed',
  tracing: false,
});

/** GetFunctionConfiguration and ListEventSourceMappings as Lambda's REST API answers them (fictional IDs). */
function lambda(path: string, query: Record<string, string>) {
  if (path === `/2015-03-31/functions/${FN}/configuration`)
    return {
      body: {
        FunctionName: 'receipt-worker',
        FunctionArn: FN,
        Role: ROLE,
        VpcConfig: {
          SubnetIds: ['subnet-0a1b2c3d4e5f60718'],
          SecurityGroupIds: ['sg-0c3d4e5f607182930'],
          VpcId: 'vpc-0d4e5f60718293a4b',
        },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: '/acme/receipts' },
      },
    };
  if (path === '/2015-03-31/event-source-mappings' && query['FunctionName'] === FN)
    return query['Marker']
      ? { body: { EventSourceMappings: [{ UUID: 'b', FunctionArn: FN, State: 'Enabled' }] } }
      : {
          body: {
            EventSourceMappings: [{ UUID: 'a', FunctionArn: FN, EventSourceArn: QUEUE, State: 'Enabled' }],
            NextMarker: 'p2',
          },
        };
  return lambdaError('ResourceNotFoundException', `Function not found: ${path}`);
}

describe('Lambda function configuration for platform baselines (local Lambda)', () => {
  let server: LocalLambda | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads GetFunctionConfiguration and every page of ListEventSourceMappings of each function', async () => {
    server = await startLocalLambda((r) => lambda(r.path, r.query));
    const known = await readFunctionKnowledge({ fromLambda: true }, [candidate('receipt-worker')], {
      client: options(server.endpoint),
    });
    expect(known.configs).to.deep.equal([
      {
        arn: FN,
        role: ROLE,
        logGroup: '/acme/receipts',
        vpc: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0c3d4e5f607182930'] },
        // The self-managed source (no EventSourceArn) names nothing of the account.
        eventSources: [QUEUE],
      },
    ]);
    expect(server.requests.map((r) => `${r.path} ${r.query['Marker'] ?? ''}`.trim())).to.deep.equal([
      `/2015-03-31/functions/${FN}/configuration`,
      '/2015-03-31/event-source-mappings',
      '/2015-03-31/event-source-mappings p2',
    ]);
  });

  it("warns and goes on when Lambda refuses or does not know a function; the others' configuration is kept", async () => {
    server = await startLocalLambda((r) => lambda(r.path, r.query));
    const warnings: string[] = [];
    const known = await readFunctionKnowledge(
      { fromLambda: true },
      [candidate('gone'), candidate('receipt-worker')],
      { client: options(server.endpoint), onWarning: (m) => warnings.push(m) },
    );
    expect(known.configs?.map((c) => c.arn)).to.deep.equal([FN]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(
      /^Lambda GetFunctionConfiguration in eu-west-1 failed \(ResourceNotFoundException.*function:gone.*\); gone's VPC, logging and event sources stay unknown$/,
    );
  });

  it('names the action and the function when refused', async () => {
    server = await startLocalLambda(() => lambdaError('AccessDeniedException', 'not authorized', 403));
    const api = lambdaConfigApi(options(server.endpoint));
    try {
      const error = await api.configOf(FN, 'eu-west-1').catch((e: unknown) => e);
      expect((error as Error).message)
        .to.match(/lambda:GetFunctionConfiguration/)
        .and.match(/receipt-worker/);
    } finally {
      api.close();
    }
  });
});
