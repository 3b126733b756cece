/**
 * A page that fails because the database cannot be reached is answered 503 with Retry-After (a load balancer
 * and a browser see an outage), while any other failure stays a 500. The server entry's request wrapper does it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '@/lib/errors';
// @ts-expect-error plain JavaScript module of the server entry, without type declarations
import { withRequestLog } from '@/lib/log/request-log.mjs';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function statusOf(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(withRequestLog(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/projects/1`);
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

describe('the status of a failed page', () => {
  it('is 503 with Retry-After when the database was unavailable during the request', async () => {
    const answer = await statusOf((_req, res) => {
      void new DatabaseUnavailableError('deadline');
      res.statusCode = 500;
      res.end('Briefly unavailable');
    });
    expect(answer).toEqual({ status: 503, retryAfter: '5' });
  });

  it('stays 500 for any other failure, and a success is untouched', async () => {
    expect(await statusOf((_req, res) => res.writeHead(500).end('Something went wrong'))).toEqual({
      status: 500,
      retryAfter: null,
    });
    expect(await statusOf((_req, res) => res.end('ok'))).toEqual({ status: 200, retryAfter: null });
  });
});
