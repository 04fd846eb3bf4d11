import { createServer } from 'node:http';
import { listenOnLoopback, readBody, writeRestJsonReply } from './local-http.ts';

/** One request as X-Ray's REST-JSON protocol carries it (POST /TraceSummaries, POST /Traces). */
export interface XRayRequest {
  path: string;
  body: Record<string, unknown>;
}

export type XRayReply = { status?: number; errorType?: string; body: unknown };

/** A local X-Ray endpoint on 127.0.0.1; every request is recorded before the handler answers. */
export interface LocalXRay {
  endpoint: string;
  requests: XRayRequest[];
  close(): Promise<void>;
}

/** Starts the endpoint; an `errorType` reply sets `x-amzn-ErrorType`, which the SDK reads as the error. */
export async function startLocalXRay(handler: (request: XRayRequest) => XRayReply): Promise<LocalXRay> {
  const requests: XRayRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const request = {
        path: req.url ?? '/',
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      requests.push(request);
      const reply =
        req.method === 'POST'
          ? handler(request)
          : { status: 404, errorType: 'UnknownOperationException', body: {} };
      writeRestJsonReply(res, reply, requests.length);
    })();
  });
  return { ...(await listenOnLoopback(server)), requests };
}
