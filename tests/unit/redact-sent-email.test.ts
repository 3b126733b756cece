import { describe, expect, it } from 'vitest';
import { codeEmail, subjectConfirmationEmail } from '@/lib/privacy/emails';
import { CODE_REMOVED, LINK_REMOVED, redactSentEmail } from '@/lib/mail/redact';

describe('a sent email keeps no link or code', () => {
  it('removes reset, invitation and export links', () => {
    const text =
      'Open https://clearance.example/sign-in/reset/AbC_123-xyz within 30 minutes.\nOr http://localhost:3000/invite/tok.';
    const out = redactSentEmail(text);
    expect(out).not.toMatch(/https?:/);
    expect(out).toContain(LINK_REMOVED);
  });

  it('removes a privacy verification code, keeps the request reference and dates', () => {
    const ref = { ref: 42, kind: 'access' as const };
    for (const email of [
      codeEmail(ref, '492039', 'https://x.test/privacy/request/1'),
      subjectConfirmationEmail(ref, '071502', 'https://x.test/c'),
    ]) {
      const out = redactSentEmail(email.text);
      expect(out).not.toContain('492039');
      expect(out).not.toContain('071502');
      expect(out).toContain(CODE_REMOVED);
    }
    expect(redactSentEmail('Request PR-00042, due 2027-03-01 (10 minutes)')).toBe(
      'Request PR-00042, due 2027-03-01 (10 minutes)',
    );
  });
});
