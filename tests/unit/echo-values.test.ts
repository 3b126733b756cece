import { describe, expect, it } from 'vitest';
import { echoValues } from '@/lib/actions/form-data';

describe('echoValues: what a failed form gets back to keep', () => {
  it('keeps typed text, selections and every tick', () => {
    expect(
      echoValues({ email: 'a@b.test', scopes: ['deal_terms', 'creative'], ofAge: 'on', codename: 'Client Vega' }),
    ).toEqual({
      email: 'a@b.test',
      scopes: ['deal_terms', 'creative'],
      ofAge: 'on',
      codename: 'Client Vega',
    });
  });

  it('never returns passwords, tokens, secrets or codes', () => {
    const echoed = echoValues({
      password: 'x',
      confirmPassword: 'x',
      token: 't',
      secret: 's',
      code: '123456',
      recoveryCode: 'r',
      name: 'Ada',
    });
    expect(echoed).toEqual({ name: 'Ada' });
  });

  it('cuts long values', () => {
    expect((echoValues({ body: 'x'.repeat(5000) }).body as string).length).toBe(2000);
  });
});
