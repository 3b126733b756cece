/**
 * The audit vocabulary (issue 10 item 2): every action has words for people, allowed and refused; a refused
 * attempt reads as refused, with its reason in plain words; a code no longer written still reads, neutrally.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_CATALOGUE, isAuditAction } from '@/lib/audit/catalogue';
import { REASON_PHRASES, reasonPhrase } from '@/lib/audit/reasons';
import { auditLabel, auditSentence } from '@/lib/audit/sentence';

describe('the audit catalogue', () => {
  it('gives every action words for both outcomes', () => {
    expect(AUDIT_ACTIONS.length).toBe(Object.keys(AUDIT_CATALOGUE).length);
    for (const action of AUDIT_ACTIONS) {
      const { words } = AUDIT_CATALOGUE[action];
      expect(words.done, action).toMatch(/^[A-Z]/);
      expect(words.attempt, action).toMatch(/^[a-z]/);
      expect(auditLabel(action, 'allowed')).not.toContain(action);
      expect(auditLabel(action, 'denied')).toMatch(/^Tried to /);
    }
    expect(isAuditAction('credentials.reveal')).toBe(true);
    expect(isAuditAction('item.reveal')).toBe(false);
  });

  it('reads a refused grant as refused, with the reason in plain words', () => {
    expect(
      auditSentence({
        action: 'membership.grant',
        outcome: 'denied',
        reason: 'contractor_needs_expiry',
        about: 'Finn Contractor (Contractor)',
      }),
    ).toBe(
      'Tried to grant project access to Finn Contractor (Contractor) — refused: contractor access needs an end date',
    );
    expect(
      auditSentence({
        action: 'membership.grant',
        outcome: 'allowed',
        reason: null,
        about: 'Finn Contractor (Contractor)',
      }),
    ).toBe('Granted project access to Finn Contractor (Contractor)');
    expect(auditSentence({ action: 'item.read', outcome: 'denied', reason: null, about: 'Deal terms item #3' })).toBe(
      'Tried to read Deal terms item #3 — refused',
    );
  });

  it('says a sign-in in words, without the account it concerns', () => {
    expect(auditSentence({ action: 'auth.password_verified', outcome: 'allowed', reason: null, about: 'Ada' })).toBe(
      'Entered the right password (a second step follows)',
    );
    expect(auditSentence({ action: 'auth.sign_in', outcome: 'denied', reason: 'bad_password', about: 'Ada' })).toBe(
      'Tried to sign in — refused: wrong password',
    );
  });

  it('keeps a person’s own reason as they wrote it', () => {
    expect(
      auditSentence({
        action: 'credentials.reveal',
        outcome: 'allowed',
        reason: 'Posting the launch reel',
        about: 'Credentials item #2',
      }),
    ).toBe('Revealed the secret value of Credentials item #2 — reason given: Posting the launch reel');
    expect(reasonPhrase('Posting the launch reel')).toBe('Posting the launch reel');
  });

  it('still reads an event whose code is no longer written, never failing', () => {
    expect(auditLabel('item.reveal', 'allowed')).toBe('Recorded “item.reveal” for');
    expect(auditSentence({ action: 'item.reveal', outcome: 'denied', reason: 'some_old_reason', about: 'x' })).toBe(
      'Tried to do “item.reveal” for x — refused: some old reason',
    );
  });

  it('has a phrase for every reason, none of them a code', () => {
    for (const [code, phrase] of Object.entries(REASON_PHRASES)) {
      expect(phrase, code).not.toMatch(/_/);
      expect(reasonPhrase(code)).toBe(phrase);
    }
  });
});
