import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local test server's address and how to stop it (every test closes what it starts). */
export interface Loopback {
  endpoint: string;
  close(): Promise<void>;
}

/** Listens on a random port of 127.0.0.1: network tests never leave the machine. */
export async function listenOnLoopback(server: Server): Promise<Loopback> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets of the SDK's agent would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A REST-JSON reply as AWS services send it: errors name their type in `x-amzn-errortype`. */
export function writeRestJsonReply(
  res: ServerResponse,
  reply: { status?: number; body: unknown; errorType?: string },
  requestNumber: number,
): void {
  res.writeHead(reply.status ?? 200, {
    'content-type': 'application/json',
    'x-amzn-requestid': `req-${requestNumber}`,
    ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
  });
  res.end(JSON.stringify(reply.body));
}
