/**
 * The one action builder (lib/actions/action.ts): signed-in actions authenticate before they validate, both kinds
 * echo back the same fields (never credentials), expected refusals come back as they are and anything else as a
 * generic message; a signed-in create form's one-time key runs it once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { FieldSpec } from '@/components/forms/action-form';
import type { FieldOf, FormAction } from '@/lib/actions/action-state';

const session = vi.hoisted(() => ({
  user: null as null | { id: string; name: string },
  unavailable: false,
}));

vi.mock('@/lib/dal/account/read-session-user', async () => {
  const { DatabaseUnavailableError } = await import('@/lib/errors');
  return {
    getSessionUser: async () => {
      if (session.unavailable) throw new DatabaseUnavailableError('ECONNREFUSED');
      return session.user;
    },
  };
});
vi.mock('@/lib/dal/account/read-request-meta', () => ({
  requestMeta: async () => ({ ip: '198.51.100.7', userAgent: 'vitest' }),
}));
vi.mock('@/lib/log/logger', () => ({ log: { error: vi.fn() }, errorKind: (e: unknown) => ({ error: String(e) }) }));
const runOnce = vi.hoisted(() => vi.fn());
vi.mock('@/lib/actions/run-once', async () => ({
  IDEMPOTENCY_FIELD: 'idempotencyKey',
  idempotencyKeySchema: (await import('zod')).z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  runOnce,
}));

const {
  FORM_EXPIRED,
  publicAction,
  signedInAction,
  SOMETHING_WENT_WRONG,
  UNAVAILABLE_BEFORE,
  UNAVAILABLE_DURING,
  VALIDATION_FAILED,
} = await import('@/lib/actions/action');
const { AppError, DatabaseUnavailableError, NOT_FOUND_MESSAGE } = await import('@/lib/errors');
const { fieldsOf } = await import('@/lib/actions/action-state');
const { log } = await import('@/lib/log/logger');

const schema = z.object({ title: z.string().min(3, 'Too short.'), password: z.string().optional() });
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) data.append(k, one);
  return data;
};
const ada = { id: '00000000-0000-4000-8000-000000000001', name: 'Ada' };

beforeEach(() => {
  session.user = null;
  session.unavailable = false;
  runOnce.mockReset();
  runOnce.mockImplementation((_u, _k, _v, run: () => unknown) => run());
  vi.mocked(log.error).mockClear();
});

describe('signedInAction: authentication before validation', () => {
  it('answers an anonymous caller "Not found." with no field errors, without validating or running', async () => {
    const handler = vi.fn();
    const action = signedInAction(schema, handler);
    const forms: Record<string, string>[] = [{ title: 'x' }, { title: 'fine title' }, { title: 'a\u0000b' }, {}];
    for (const fields of forms) {
      const answer = await action(undefined, form(fields));
      expect(answer.ok).toBe(false);
      expect(answer.message).toBe(NOT_FOUND_MESSAGE);
      expect(answer.fieldErrors).toBeUndefined();
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('says nothing changed when the session cannot be checked', async () => {
    session.unavailable = true;
    const answer = await signedInAction(schema, vi.fn())(undefined, form({ title: 'x' }));
    expect(answer).toMatchObject({ ok: false, message: UNAVAILABLE_BEFORE });
    expect(answer.fieldErrors).toBeUndefined();
  });

  it('validates for a signed-in caller, then runs the handler with the user and the request', async () => {
    session.user = ada;
    const handler = vi.fn(async () => ({ ok: true, message: 'Saved.' }));
    const action = signedInAction(schema, handler);
    const invalid = await action(undefined, form({ title: 'x' }));
    expect(invalid).toMatchObject({ ok: false, message: VALIDATION_FAILED, fieldErrors: { title: ['Too short.'] } });
    expect(handler).not.toHaveBeenCalled();
    expect(await action(undefined, form({ title: 'A title' }))).toEqual({ ok: true, message: 'Saved.' });
    expect(handler).toHaveBeenCalledWith(
      { title: 'A title' },
      { user: ada, meta: { ip: '198.51.100.7', userAgent: 'vitest' } },
    );
  });

  it('refuses a field PostgreSQL cannot store before the schema sees it', async () => {
    session.user = ada;
    const answer = await signedInAction(schema, vi.fn())(undefined, form({ title: 'a\u0000bcd' }));
    expect(answer.message).toBe(VALIDATION_FAILED);
    expect(Object.keys(answer.fieldErrors ?? {})).toEqual(['title']);
  });

  it('runs a create once per one-time key, and refuses a malformed key', async () => {
    session.user = ada;
    const handler = vi.fn(async () => ({ ok: true, message: 'Created.' }));
    const action = signedInAction(schema, handler);
    const key = 'k'.repeat(24);
    expect(await action(undefined, form({ title: 'A title', idempotencyKey: key }))).toMatchObject({ ok: true });
    expect(runOnce).toHaveBeenCalledWith(ada, key, { title: 'A title' }, expect.any(Function));
    expect(await action(undefined, form({ title: 'A title', idempotencyKey: 'short' }))).toMatchObject({
      ok: false,
      message: FORM_EXPIRED,
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('publicAction', () => {
  it('validates and runs for anyone, with the request only; a one-time key is ignored', async () => {
    const handler = vi.fn(async () => ({ ok: true, message: 'Sent.' }));
    const action = publicAction(schema, handler);
    expect(await action(undefined, form({ title: 'x' }))).toMatchObject({ fieldErrors: { title: ['Too short.'] } });
    expect(await action(undefined, form({ title: 'A title', idempotencyKey: 'short' }))).toEqual({
      ok: true,
      message: 'Sent.',
    });
    expect(handler).toHaveBeenLastCalledWith(
      { title: 'A title' },
      { meta: { ip: '198.51.100.7', userAgent: 'vitest' } },
    );
    expect(runOnce).not.toHaveBeenCalled();
  });

  it('reads anything but FormData as an empty form', async () => {
    const answer = await publicAction(schema, vi.fn())(undefined, 'title=A title' as unknown as FormData);
    expect(answer.fieldErrors).toHaveProperty('title');
  });
});

describe('both kinds: one echo list, one way of failing', () => {
  const submitted = {
    title: 'x',
    codename: 'Client Vega',
    scopes: ['deal_terms', 'creative'],
    password: 'hunter2',
    confirmPassword: 'hunter2',
    code: '123456',
    recoveryCode: 'abcd-efgh',
    token: 't',
    secret: 's',
    credential: 'c',
    apiKey: 'k',
    idempotencyKey: 'k'.repeat(24),
  };
  const echoed = { title: 'x', codename: 'Client Vega', scopes: ['deal_terms', 'creative'] };

  it('echoes the same fields back from a signed-in and a public action: never passwords, codes, secrets, tokens or keys', async () => {
    session.user = ada;
    const signedIn = await signedInAction(schema, vi.fn())(undefined, form(submitted));
    const anyone = await publicAction(schema, vi.fn())(undefined, form(submitted));
    expect(signedIn.values).toEqual(echoed);
    expect(anyone.values).toEqual(echoed);
    session.user = null;
    expect((await signedInAction(schema, vi.fn())(undefined, form(submitted))).values).toEqual(echoed);
  });

  for (const [kind, make] of [
    ['signed in', signedInAction],
    ['public', publicAction],
  ] as const) {
    it(`${kind}: a refusal (AppError) comes back as it is; anything else as a generic message, logged by kind`, async () => {
      session.user = ada;
      const refused = await make(schema, async () => {
        throw new AppError('invalid', 'That name is taken.', { title: ['Taken.'] });
      })(undefined, form({ title: 'A title', password: 'p' }));
      expect(refused).toEqual({
        ok: false,
        message: 'That name is taken.',
        fieldErrors: { title: ['Taken.'] },
        values: { title: 'A title' },
      });
      expect(log.error).not.toHaveBeenCalled();

      const crashed = await make(schema, async () => {
        throw new Error('duplicate key value violates "Client Vega"');
      })(undefined, form({ title: 'A title' }));
      expect(crashed).toEqual({ ok: false, message: SOMETHING_WENT_WRONG, values: { title: 'A title' } });
      expect(JSON.stringify(crashed)).not.toContain('Vega');
      expect(log.error).toHaveBeenCalledTimes(1);

      const cut = await make(schema, async () => {
        throw new DatabaseUnavailableError('ECONNRESET');
      })(undefined, form({ title: 'A title' }));
      expect(cut.message).toBe(UNAVAILABLE_DURING);
    });
  }
});

describe('forms are typed by their schema (checked by tsc)', () => {
  it('names only fields the schema has', () => {
    const action = signedInAction(schema, vi.fn());
    const field = fieldsOf(action);
    expect(field('title')).toBe('title');
    // @ts-expect-error the schema has no field 'titel'
    field('titel');
    const spec: FieldSpec<FieldOf<typeof action>> = { kind: 'text', name: 'title', label: 'Title' };
    // @ts-expect-error an ActionForm field must be one of the action's fields
    const wrong: FieldSpec<FieldOf<typeof action>> = { kind: 'hidden', name: 'projectId', value: '' };
    expect([spec.name, wrong.name]).toEqual(['title', 'projectId']);
  });

  it('lets a form component that writes fixed fields take only actions whose schema has them all', () => {
    const action = signedInAction(schema, vi.fn());
    const writesTitle: FormAction<'title'> = action;
    // @ts-expect-error the schema has no field 'itemId'
    const writesMore: FormAction<'title' | 'itemId'> = action;
    expect([writesTitle, writesMore]).toEqual([action, action]);
  });
});
