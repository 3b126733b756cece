/** TOTP verification (RFC 6238 vectors, drift window, replay) and recovery codes. */
import { describe, expect, it } from 'vitest';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from '@/lib/auth/recovery-codes';
import { checkTotp, newTotpSecret, timeStepAt, totpCodeAt, totpUri } from '@/lib/auth/totp';

const DEMO = 'JBSWY3DPEHPK3PXP';
// RFC 6238 appendix B's SHA-1 key "12345678901234567890", base32-encoded; its 8-digit codes end in these 6.
const RFC_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('match the RFC 6238 test vector at T=%i', (seconds, code) => {
    expect(totpCodeAt(RFC_KEY, at(seconds))).toBe(code);
    expect(checkTotp(RFC_KEY, code, null, at(seconds))).toEqual({ ok: true, timeStep: Math.floor(seconds / 30) });
  });

  it('accept the previous and the next step (clock drift), nothing further', () => {
    const now = at(1_800_000_015);
    const step = timeStepAt(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCodeAt(DEMO, at((step + offset) * 30));
      expect(checkTotp(DEMO, code, null, now)).toEqual({ ok: true, timeStep: step + offset });
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCodeAt(DEMO, at((step + offset) * 30));
      expect(checkTotp(DEMO, code, null, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuse a code from the step already used, or an earlier one (no replay)', () => {
    const now = at(1_800_000_015);
    const step = timeStepAt(now);
    const code = totpCodeAt(DEMO, now);
    const first = checkTotp(DEMO, code, null, now);
    expect(first).toEqual({ ok: true, timeStep: step });
    expect(checkTotp(DEMO, code, step, now)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(DEMO, code, step, at(1_800_000_029))).toEqual({ ok: false, reason: 'replayed' });
    const previous = totpCodeAt(DEMO, at((step - 1) * 30));
    expect(checkTotp(DEMO, previous, step, now)).toEqual({ ok: false, reason: 'replayed' });
    // The next step's code is still good once.
    const next = totpCodeAt(DEMO, at((step + 1) * 30));
    expect(checkTotp(DEMO, next, step, now)).toEqual({ ok: true, timeStep: step + 1 });
  });

  it.each(['', '12345', '1234567', 'abcdef', '12 34 5x', '١٢٣٤٥٦'])(
    'refuse a malformed code %j without throwing',
    (code) => {
      expect(checkTotp(DEMO, code, null)).toEqual({ ok: false, reason: 'invalid' });
    },
  );

  it('accept a code typed with a space in the middle', () => {
    const now = new Date();
    const code = totpCodeAt(DEMO, now);
    expect(checkTotp(DEMO, `${code.slice(0, 3)} ${code.slice(3)}`, null, now).ok).toBe(true);
  });

  it('new secrets are 160-bit base32 and differ; the URI names the issuer and the account', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    const uri = totpUri(a, 'sam.lead@mmgroup.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Clearance:sam\.lead%40mmgroup\.test\?/);
    expect(uri).toContain(`secret=${a}`);
    expect(uri).toContain('issuer=Clearance');
  });
});

describe('recovery codes', () => {
  it('ten distinct codes of 16 unambiguous characters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  });

  it('are recognized however they are typed, and hash to the same value', () => {
    const [code] = generateRecoveryCodes(1);
    const compact = code!.replace(/-/g, '');
    expect(normalizeRecoveryCode(code!)).toBe(compact);
    expect(normalizeRecoveryCode(` ${code!.toLowerCase()} `)).toBe(compact);
    expect(hashRecoveryCode(normalizeRecoveryCode(code!.replace(/-/g, ' '))!)).toBe(hashRecoveryCode(compact));
    expect(hashRecoveryCode(compact)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(compact)).not.toContain(compact);
  });

  it.each(['', '123456', 'AAAA-BBBB-CCCC', 'AAAA-BBBB-CCCC-DDD0', 'AAAA-BBBB-CCCC-DDDDE', "' or 1=1 --"])(
    'reject %j',
    (input) => {
      expect(normalizeRecoveryCode(input)).toBeNull();
    },
  );
});
