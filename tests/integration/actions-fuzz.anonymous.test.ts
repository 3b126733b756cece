/**
 * Every server action posted directly by an anonymous visitor (tests/helpers/action-fuzz.ts): every
 * well-formed form, then at least 200 random and hostile inputs each: only known refusals, no leak, nothing
 * written. Also: the actions are found automatically, so later ones are covered without editing this file.
 */
import { describe, expect, it, vi } from 'vitest';
import { actionFilesWithoutDirective, discoverActions } from '../helpers/action-harness';
import { defineActionTests } from '../helpers/action-fuzz';

vi.mock('next-auth', async () => (await import('../helpers/action-harness')).nextAuthMock);
vi.mock('next-auth/providers/credentials', async () => (await import('../helpers/action-harness')).credentialsMock);
vi.mock('next/headers', async () => (await import('../helpers/action-harness')).nextHeadersMock);
vi.mock('next/cache', async () => (await import('../helpers/action-harness')).nextCacheMock);
// The throttle's escalating delay is computed and returned as usual; the test does not sit through it.
vi.mock('@/lib/actions/slow-down', () => ({ slowDown: async () => {} }));

const actions = await discoverActions();

describe('finding the server actions', () => {
  it('finds every exported action of every server-action module', () => {
    expect(actionFilesWithoutDirective(), "actions.ts files without 'use server'").toEqual([]);
    const ids = actions.map((a) => a.id);
    // The ones the portal started with; anything added later is found the same way.
    for (const known of [
      'app/(auth)/sign-in/actions.ts#signInAction',
      'app/(auth)/invite/[token]/actions.ts#acceptInvitationAction',
      'app/(portal)/actions.ts#signOutAction',
      'app/(portal)/admin/actions.ts#grantMembershipAction',
      'app/(portal)/items/actions.ts#createItemAction',
    ]) {
      expect(ids).toContain(known);
    }
    expect(actions.length).toBeGreaterThanOrEqual(16);
    console.info(`${actions.length} server actions found:\n  ${ids.join('\n  ')}`);
  });
});

defineActionTests('anonymous', actions);
