/** Actors for DAL tests: the demo users as the app would see them after sign-in. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clientAccountMembers, users } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import type { RequestMeta } from '@/lib/dal/audit';

export const meta: RequestMeta = { ip: '203.0.113.9', userAgent: 'vitest' };

export const DEMO_EMAILS = {
  ada: 'ada.admin@mmgroup.test',
  sam: 'sam.lead@mmgroup.test',
  finn: 'finn.finance@mmgroup.test',
  cora: 'cora.editor@contractor.test',
  nina: 'nina.nonda@contractor.test',
  oscar: 'oscar.other@mmgroup.test',
  nova: 'nova@talent.test',
  kai: 'kai@talent.test',
  brian: 'brian@lumen.test',
} as const;

export type DemoKey = keyof typeof DEMO_EMAILS;
export const DEMO_KEYS = Object.keys(DEMO_EMAILS) as DemoKey[];

/** Loads a user by email and returns the Actor a session would carry. */
export async function actorFor(db: Db, email: string): Promise<Actor> {
  const [user] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (!user) throw new Error(`no user ${email}`);
  const accounts = await db
    .select({ id: clientAccountMembers.clientAccountId })
    .from(clientAccountMembers)
    .where(eq(clientAccountMembers.userId, user.id));
  return { id: user.id, role: user.role, disabled: false, clientAccountIds: accounts.map((a) => a.id) };
}

/** Every demo user's Actor, by key. */
export async function demoActors(db: Db): Promise<Record<DemoKey, Actor>> {
  const entries = await Promise.all(DEMO_KEYS.map(async (k) => [k, await actorFor(db, DEMO_EMAILS[k])] as const));
  return Object.fromEntries(entries) as Record<DemoKey, Actor>;
}
