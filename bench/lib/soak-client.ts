/**
 * One simulated user of the soak: a signed-in session on a home instance, reading items it may read (each
 * request with its own User-Agent, so its audit event can be found afterwards) and, if it leads a project,
 * creating items through the real server action over HTTP (a unique marker in the title, the form's one-time
 * idempotency key, retried with the same key when the answer was lost). Refused connections move it to the
 * other instance. Every loop is bounded by a count and a deadline.
 */
import { randomBytes } from 'node:crypto';
import type { SoakUser } from './soak-world';

export type Kind = 'ok' | 'refused' | 'reset' | '503' | '5xx' | 'timeout' | 'unavailable' | 'other';
export type Attempt = {
  op: 'read' | 'write';
  instance: number;
  start: number;
  end: number;
  status: number | null;
  kind: Kind;
};
export type Tally = {
  attempts: Attempt[];
  acked: string[];
  served: { userAgent: string; itemId: string }[];
};
export type Instance = { port: number; base: string; origin: string };

const REQUEST_TIMEOUT_MS = 15_000;
let sequence = 0;

function failureKind(error: unknown): Kind {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return 'other';
}

const statusKind = (status: number): Kind => (status === 503 ? '503' : status >= 500 ? '5xx' : 'other');

/** The form body React's client sends for action(previousState, formData). */
function actionBody(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(`_1_${key}`, value);
  body.append('0', JSON.stringify(['$undefined', '$K1']));
  return body;
}

export async function runUser(options: {
  user: SoakUser;
  instances: Instance[];
  createItemActionId: string;
  deadline: number;
  maxOps: number;
  tally: Tally;
}): Promise<void> {
  const { user, instances, tally } = options;
  let home = user.n % instances.length;
  const moveOnRefusal = (kind: Kind) => {
    if (kind === 'refused') home = (home + 1) % instances.length;
  };

  const attempt = async (
    op: Attempt['op'],
    send: (instance: Instance, signal: AbortSignal) => Promise<Response>,
    judge: (response: Response, text: string) => Kind,
  ) => {
    const instance = home;
    const start = performance.now();
    let status: number | null = null;
    let kind: Kind;
    try {
      const response = await send(instances[instance]!, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
      status = response.status;
      const text = await response.text();
      kind = response.status >= 500 ? statusKind(response.status) : judge(response, text);
    } catch (error) {
      kind = failureKind(error);
    }
    tally.attempts.push({ op, instance, start, end: performance.now(), status, kind });
    moveOnRefusal(kind);
    return kind;
  };

  const read = async () => {
    const { itemId, canary } = user.reads[Math.floor(Math.random() * user.reads.length)]!;
    const userAgent = `soak-r-${++sequence}`;
    const kind = await attempt(
      'read',
      (instance, signal) =>
        fetch(`${instance.base}/items/${itemId}`, {
          headers: { cookie: user.cookie, 'user-agent': userAgent },
          redirect: 'manual',
          signal,
        }),
      (response, text) => (response.status === 200 && text.includes(canary) ? 'ok' : 'other'),
    );
    if (kind === 'ok') tally.served.push({ userAgent, itemId });
  };

  const write = async (projectId: string) => {
    const marker = `m${randomBytes(6).toString('hex')}`;
    const fields = {
      projectId,
      category: 'creative',
      classification: 'confidential',
      title: `Soak ${marker} item`,
      body: 'Written by the soak test.',
      idempotencyKey: randomBytes(16).toString('hex'),
    };
    // The same one-time key on every retry: a retried submission must not create a second item.
    for (let round = 0; round < 4 && performance.now() < options.deadline; round++) {
      const kind = await attempt(
        'write',
        (instance, signal) =>
          fetch(`${instance.base}/projects/${projectId}/items/new`, {
            method: 'POST',
            headers: {
              cookie: user.cookie,
              'user-agent': `soak-w-${++sequence}`,
              'Next-Action': options.createItemActionId,
              Accept: 'text/x-component',
              Origin: instance.origin,
            },
            body: actionBody(fields),
            redirect: 'manual',
            signal,
          }),
        (response, text) => {
          if ((response.headers.get('x-action-redirect') ?? '').startsWith('/items/')) return 'ok';
          return text.includes('briefly unavailable') ? 'unavailable' : 'other';
        },
      );
      if (kind === 'ok') return void tally.acked.push(marker);
      if (kind === 'other') return;
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000));
    }
  };

  for (let op = 0; op < options.maxOps && performance.now() < options.deadline; op++) {
    if (user.writeProjectId && op % 3 === 2) await write(user.writeProjectId);
    else await read();
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 400));
  }
}
