/**
 * Every server action posted directly by a signed-in non-administrator (sam.lead, a staff
 * lead), administration actions only, as tests/helpers/action-fuzz.ts describes:
 * every well-formed form built from the seeded world, then at least 200 random and hostile inputs each: only
 * known refusals, no leak, nothing written.
 */
import { vi } from 'vitest';
import { discoverActions } from '../helpers/action-harness';
import { defineActionTests } from '../helpers/action-fuzz';

vi.mock('next-auth', async () => (await import('../helpers/action-harness')).nextAuthMock);
vi.mock('next-auth/providers/credentials', async () => (await import('../helpers/action-harness')).credentialsMock);
vi.mock('next/headers', async () => (await import('../helpers/action-harness')).nextHeadersMock);
vi.mock('next/cache', async () => (await import('../helpers/action-harness')).nextCacheMock);
// The throttle's escalating delay is computed and returned as usual; the test does not sit through it.
vi.mock('@/lib/actions/slow-down', () => ({ slowDown: async () => {} }));

defineActionTests('non-admin', await discoverActions());
