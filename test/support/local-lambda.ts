import { createServer } from 'node:http';
import { listenOnLoopback, writeRestJsonReply } from './local-http.ts';

/** One Lambda REST request: method, path (decoded) and query. */
export interface LambdaRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

/** A reply: a JSON body with a status (errors name their type in `x-amzn-errortype`, as Lambda does). */
export type LambdaReply = { status?: number; body: unknown; errorType?: string };

/** A local Lambda on 127.0.0.1 speaking its REST-JSON protocol (GET /2015-03-31/functions/, ...). */
export interface LocalLambda {
  endpoint: string;
  requests: LambdaRequest[];
  close(): Promise<void>;
}

/** A Lambda error reply the SDK reads as the named exception. */
export function lambdaError(type: string, message: string, status = 404): LambdaReply {
  return { status, errorType: type, body: { Type: 'User', Message: message } };
}

export async function startLocalLambda(
  handler: (request: LambdaRequest) => LambdaReply,
): Promise<LocalLambda> {
  const requests: LambdaRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: LambdaRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/\/$/, ''),
      query: Object.fromEntries(url.searchParams),
    };
    requests.push(request);
    req.resume();
    req.on('end', () => {
      const reply = handler(request);
      writeRestJsonReply(res, reply, requests.length);
    });
  });
  return { ...(await listenOnLoopback(server)), requests };
}
