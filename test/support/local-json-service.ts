import { createServer } from 'node:http';
import { listenOnLoopback, readBody } from './local-http.ts';

/** One request as an AWS JSON 1.1 service sees it. */
export interface JsonRequest {
  /** The whole X-Amz-Target, e.g. "CloudTrail_20131101.LookupEvents". */
  target: string;
  /** The operation after the last dot, e.g. "LookupEvents". */
  operation: string;
  contentType: string;
  body: Record<string, unknown>;
}

/** A reply: 200 with a body, or an error (`__type` names it, as the protocol does). */
export type JsonReply = { status?: number; body: unknown };
export type JsonHandler = (request: JsonRequest) => JsonReply | Promise<JsonReply>;

/** A local service on 127.0.0.1 speaking the AWS JSON 1.1 protocol (POST /, X-Amz-Target). */
export interface LocalJsonService {
  endpoint: string;
  requests: JsonRequest[];
  close(): Promise<void>;
}

/** An error reply the SDK reads as a named service exception. */
export function jsonError(type: string, message: string, status = 400): JsonReply {
  return { status, body: { __type: type, message } };
}

/** Starts the service on a random port; every request is recorded before the handler runs. */
export async function startJsonService(handler: JsonHandler): Promise<LocalJsonService> {
  const requests: JsonRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const text = await readBody(req);
      const request: JsonRequest = {
        target,
        operation: target.slice(target.lastIndexOf('.') + 1),
        contentType: String(req.headers['content-type'] ?? ''),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      requests.push(request);
      const reply =
        req.method === 'POST' && req.url === '/'
          ? await handler(request)
          : jsonError('UnknownOperationException', 'POST / only');
      res.writeHead(reply.status ?? 200, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${requests.length}`,
      });
      res.end(JSON.stringify(reply.body));
    })();
  });
  return { ...(await listenOnLoopback(server)), requests };
}
