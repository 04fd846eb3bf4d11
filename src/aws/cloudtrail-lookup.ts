import { AwsError } from '../errors.ts';
import { LookupEventsCommand, type LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from './clients.ts';
import { resolvedRegion } from './clients.ts';
import { awsCall } from './errors.ts';

import type { LookupAttribute } from './lookup-attributes.ts';
export { LOOKUP_ATTRIBUTE_KEYS, type LookupAttribute } from './lookup-attributes.ts';

export interface LookupPageRequest {
  /** Default: the client's region. */
  region?: string;
  startTime: string;
  endTime: string;
  attribute?: LookupAttribute;
  nextToken?: string;
}

/** One page: the raw `CloudTrailEvent` JSON strings, the region asked and the next token. */
export interface LookupPage {
  events: unknown[];
  region: string;
  nextToken?: string;
}

/** The LookupEvents API as the reader needs it. */
export type LookupEventsApi = (request: LookupPageRequest) => Promise<LookupPage>;

/** LookupEvents (pages of 50, the API's maximum) over the clients; errors name cloudtrail:LookupEvents. */
export function lookupEventsApi(clients: AwsClients): LookupEventsApi {
  return async (request) => {
    const client = clients.cloudTrail(request.region);
    const region = request.region ?? (await resolvedRegion(client));
    const input = {
      StartTime: new Date(request.startTime),
      EndTime: new Date(request.endTime),
      MaxResults: 50,
      ...(request.nextToken ? { NextToken: request.nextToken } : {}),
      ...(request.attribute
        ? {
            LookupAttributes: [
              {
                AttributeKey: request.attribute.key as LookupAttributeKey,
                AttributeValue: request.attribute.value,
              },
            ],
          }
        : {}),
    };
    const call = {
      api: 'CloudTrail LookupEvents',
      region,
      grant: { action: 'cloudtrail:LookupEvents', resource: '*' },
    };
    const out = await awsCall(call, () => client.send(new LookupEventsCommand(input)));
    // The response is validated like any input: a malformed page is an error naming the API.
    const list: unknown = out.Events ?? [];
    if (!Array.isArray(list) || (out.NextToken !== undefined && typeof out.NextToken !== 'string')) {
      throw new AwsError(
        `CloudTrail LookupEvents in ${region}: malformed response (Events is not a list, or NextToken is not a string)`,
      );
    }
    const events = list.map((e: unknown) =>
      typeof e === 'object' && e !== null ? (e as { CloudTrailEvent?: unknown }).CloudTrailEvent : undefined,
    );
    return { events, region, ...(out.NextToken ? { nextToken: out.NextToken } : {}) };
  };
}
