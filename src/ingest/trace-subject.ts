import { isObject, obj, str, type JsonObject } from './fields.ts';
import type { TraceSubject } from './trace-call.ts';

// arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
const FUNCTION_ARN =
  /^arn:(aws(?:-[a-z]+)*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,140})(?::[^:]+)?$/;
const ACCOUNT = /^\d{12}$/;
const ZONE = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})[a-z]$/;

/** Facts read off a Lambda function ARN (the qualifier is dropped: a function has one role). */
export function parseFunctionArn(
  arn: string | undefined,
): { functionArn: string; name: string; region: string; account: string } | undefined {
  const m = arn ? FUNCTION_ARN.exec(arn) : null;
  if (!m) return undefined;
  const [, partition, region, account, name] = m as unknown as [string, string, string, string, string];
  return {
    functionArn: `arn:${partition}:lambda:${region}:${account}:function:${name}`,
    name,
    region,
    account,
  };
}

/**
 * Who made the calls inside an X-Ray segment: the Lambda function for `AWS::Lambda::Function` (and
 * `AWS::Lambda`) segments, named by the segment and its ARN (`aws.function_arn`, `resource_arn`);
 * otherwise the traced service by its segment name. Account from the ARN or `aws.account_id`,
 * region from the ARN or the EC2 availability zone. Undefined for a subsegment document or a
 * fragment without `trace_id`.
 */
export function xraySubject(segment: JsonObject): TraceSubject | undefined {
  // Only a whole segment (it has a trace_id and is not `type: subsegment`) says who it belongs to.
  if (str(segment, 'type') === 'subsegment' || str(segment, 'trace_id') === undefined) return undefined;
  const name = str(segment, 'name');
  if (!name) return undefined;
  const aws = obj(segment, 'aws');
  const arn = parseFunctionArn(str(aws, 'function_arn')) ?? parseFunctionArn(str(segment, 'resource_arn'));
  const account = arn?.account ?? accountOf(str(aws, 'account_id'));
  const zone = str(obj(aws, 'ec2'), 'availability_zone');
  const region = arn?.region ?? (zone ? ZONE.exec(zone)?.[1] : undefined);
  return {
    name: arn && isLambda(segment) ? arn.name : name,
    ...(arn ? { functionArn: arn.functionArn } : {}),
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
  };
}

/** True for the segments Lambda writes for a function (service and function segments). */
export function isLambda(segment: JsonObject): boolean {
  const origin = str(segment, 'origin');
  return origin === 'AWS::Lambda::Function' || origin === 'AWS::Lambda';
}

function accountOf(value: string | undefined): string | undefined {
  return value && ACCOUNT.test(value) ? value : undefined;
}

/** Subjects by trace ID, from the function segments of a batch of documents (for subsegment documents). */
export function subjectsByTrace(documents: readonly unknown[]): Map<string, TraceSubject> {
  const out = new Map<string, TraceSubject>();
  for (const doc of documents) {
    if (!isObject(doc) || !isLambda(doc)) continue;
    const traceId = str(doc, 'trace_id');
    const subject = xraySubject(doc);
    // The function segment (with its ARN) wins over the service segment of the same trace.
    if (traceId && subject && (!out.has(traceId) || str(doc, 'origin') === 'AWS::Lambda::Function'))
      out.set(traceId, subject);
  }
  return out;
}
