/** `npm run dev`: migrate (seeding the demo world into an empty database), then the Next.js dev server (through server.mjs). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { env } from '@/lib/env';
import { ensureLocalSecrets } from './env';
import { prepareDatabase } from './prepare-db';

ensureLocalSecrets();
await prepareDatabase({ reset: false, seedIfEmpty: true });
const port = String(env.port);
// server.mjs in development mode: the socket's address reaches the app as in production (lib/security/client-ip.ts).
const server = spawn(process.execPath, [path.join(process.cwd(), 'server.mjs'), '--dev', '-p', port], {
  stdio: 'inherit',
  env: { ...process.env, AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${port}` },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
