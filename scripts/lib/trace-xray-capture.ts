import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import AWSXRay from 'aws-xray-sdk-core';
import type { Clients, SampleFunction } from './trace-workload.ts';
import { makeClients, closeClients } from './trace-workload.ts';

/** Parameters the sample app adds to the SDK's default whitelist (appendAWSWhitelist), as real apps do. */
const EXTRA_WHITELIST = {
  services: {
    secretsmanager: { operations: { getSecretValue: { request_parameters: ['SecretId'] } } },
    ssm: { operations: { getParameter: { request_parameters: ['Name'] } } },
    kms: { operations: { generateDataKey: { request_parameters: ['KeyId'] } } },
  },
};

/** A UDP "daemon" on 127.0.0.1 that keeps every datagram the X-Ray SDK sends. */
async function startDaemon(): Promise<{ address: string; datagrams: string[]; close: () => void }> {
  const socket = createSocket('udp4');
  const datagrams: string[] = [];
  socket.on('message', (msg) => datagrams.push(msg.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, datagrams, close: () => socket.close() };
}

/**
 * Runs every sample function once per invocation with SDK v3 clients captured by aws-xray-sdk-core
 * (manual mode: each invocation is a Lambda-like facade segment named after the function, origin
 * AWS::Lambda::Function, with its ARN) and returns the datagrams the SDK sent to the daemon address.
 */
export async function captureXRay(endpoint: string, functions: readonly SampleFunction[]): Promise<string[]> {
  const daemon = await startDaemon();
  AWSXRay.setDaemonAddress(daemon.address);
  AWSXRay.enableManualMode();
  AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
  AWSXRay.appendAWSWhitelist(EXTRA_WHITELIST);
  let sequence = 0;
  for (const fn of functions) {
    for (let n = 0; n < fn.invocations; n++) {
      const traceId = `1-6920a000-${(++sequence).toString(16).padStart(24, '0')}`;
      const segment = new AWSXRay.Segment(fn.name, traceId);
      segment.origin = 'AWS::Lambda::Function';
      segment.addPluginData({ function_arn: fn.arn, account_id: fn.arn.split(':')[4] });
      const clients = captured(makeClients(endpoint), segment);
      await fn.invoke(clients, n).finally(() => closeClients(clients));
      segment.close();
    }
  }
  const expected = functions.reduce((sum, f) => sum + f.invocations, 0);
  await waitFor(() => daemon.datagrams.length >= expected);
  daemon.close();
  return daemon.datagrams;
}

function captured(clients: Clients, segment: AWSXRay.Segment): Clients {
  for (const client of Object.values(clients)) AWSXRay.captureAWSv3Client(client, segment);
  return clients;
}

async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('the X-Ray SDK did not send every segment to the daemon address');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
