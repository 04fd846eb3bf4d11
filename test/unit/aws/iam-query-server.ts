import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback, readBody } from '../../support/local-http.ts';

/** One IAM query-protocol request: the form fields of `Action=...&Version=2010-05-08&...`. */
export type QueryRequest = Record<string, string>;

/** A reply: 200 with the `<Result>` body's inner XML, or an `<ErrorResponse>` with a status. */
export type QueryReply = { result: string } | { status: number; code: string; message: string };

/** A local IAM on 127.0.0.1 speaking the AWS query protocol (form-encoded POST, XML replies). */
export interface LocalIam {
  endpoint: string;
  requests: QueryRequest[];
  close(): Promise<void>;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

async function form(req: IncomingMessage): Promise<QueryRequest> {
  return Object.fromEntries(new URLSearchParams(await readBody(req)));
}

/** XML text escaping for values put into replies. */
export function xml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function body(action: string, reply: QueryReply, id: number): { status: number; text: string } {
  if ('code' in reply)
    return {
      status: reply.status,
      text: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${reply.code}</Code><Message>${xml(reply.message)}</Message></Error><RequestId>req-${id}</RequestId></ErrorResponse>`,
    };
  return {
    status: 200,
    text: `<${action}Response xmlns="${NS}"><${action}Result>${reply.result}</${action}Result><ResponseMetadata><RequestId>req-${id}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** Starts the server on a random port; `handler` answers each recorded request. */
export async function startLocalIam(handler: (request: QueryRequest) => QueryReply): Promise<LocalIam> {
  const requests: QueryRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const request = await form(req);
      requests.push(request);
      const { status, text } = body(request['Action'] ?? 'Unknown', handler(request), requests.length);
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': `req-${requests.length}` });
      res.end(text);
    })();
  });
  return { ...(await listenOnLoopback(server)), requests };
}
