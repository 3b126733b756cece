/**
 * The portal's HTTP server: Next.js's documented custom server around the production build (`npm start`,
 * `npm run demo`, the browser tests; `--dev` for `npm run dev`).
 *
 * It exists for one reason: Next.js tells route handlers and server actions nothing about the socket, and
 * `next start` passes a client's own X-Forwarded-For through. Here every request gets `x-clearance-peer`, the
 * socket's address, overwriting whatever the client sent under that name; lib/security/client-ip.ts reads it.
 * With CLEARANCE_PROXY_HOPS=0 (the default: nothing in front) the forwarding headers can only have been
 * written by the client, so they are dropped before Next.js (or Auth.js, or the action origin check) sees them.
 *
 * Usage: node server.mjs [--dev] [-p PORT] [-H HOST]; PORT and HOST work too (default 3000, all interfaces).
 * Plain JavaScript so that `npm start` needs no TypeScript loader on a server.
 */
import { createServer } from 'node:http';
import next from 'next';
import { withRequestLog } from './lib/log/request-log.mjs';

const args = process.argv.slice(2);
const flag = (...names) => {
  const at = args.findIndex((a) => names.includes(a));
  return at >= 0 ? args[at + 1] : undefined;
};
const dev = args.includes('--dev');
const port = Number(flag('-p', '--port') ?? process.env.PORT ?? 3000);
// Unset: every interface, as `next start` does. The demo passes 127.0.0.1 (scripts/demo.ts).
const hostname = flag('-H', '--hostname') ?? process.env.HOST ?? undefined;

const hops = Number(process.env.CLEARANCE_PROXY_HOPS ?? 0);
if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
  console.error('CLEARANCE_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the portal).');
  process.exit(1);
}
const CLIENT_WRITTEN = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
];

const app = next({ dev, hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

// One JSON line per request, with its request id (lib/log/request-log.mjs; README, "Logs").
const server = createServer(
  withRequestLog((req, res) => {
    // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d; the audit log keeps the plain form.
    const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    req.headers['x-clearance-peer'] = peer;
    if (hops === 0) for (const name of CLIENT_WRITTEN) delete req.headers[name];
    handle(req, res);
  }),
);
server.listen(port, hostname, () => {
  console.log(`Clearance listening on ${hostname ?? 'all interfaces'}, port ${port}${dev ? ' (development)' : ''}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; do not wait for them.
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
