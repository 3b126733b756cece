/**
 * Undo (issue 16 point 1): the admin who revoked a membership or removed an allowlist entry can undo it within the
 * minute, which restores exactly the row that was there (audited as an undo); after the minute, or for anyone
 * else, the revocation stands. The database says the same for memberships (memberships_transition_guard).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowlistEntries, memberships } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { revokeAllowlistEntry } from '@/lib/dal/allowlist/revoke-allowlist-entry';
import { revokeMembership } from '@/lib/dal/memberships/revoke-membership';
import { undoAllowlistRevocation } from '@/lib/dal/allowlist/undo-allowlist-revocation';
import { undoMembershipRevocation } from '@/lib/dal/memberships/undo-membership-revocation';
import { readItem } from '@/lib/dal/items/read-item';
import { getLedProjectMembers } from '@/lib/dal/projects/get-led-project-members';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;
let borealis: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  ({ aurora, borealis } = seeded.projects);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const membershipOf = async (key: DemoKey, projectId: string) =>
  (
    await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, actors[key].id), eq(memberships.projectId, projectId)))
  )[0]!;

describe('undoing a membership revocation', () => {
  it('restores exactly the row within the minute, once, audited as an undo', async () => {
    const before = await membershipOf('finn', aurora);
    const audit = await lastAuditId(database.db);
    await revokeMembership(actors.ada, { membershipId: before.id }, meta);
    expect((await listVisibleProjects(actors.finn)).map((p) => p.id)).not.toContain(aurora);

    await undoMembershipRevocation(actors.ada, { membershipId: before.id }, meta);
    expect(await membershipOf('finn', aurora)).toEqual(before);
    expect((await listVisibleProjects(actors.finn)).map((p) => p.id)).toContain(aurora);
    const events = (await auditSince(database.db, audit)).map((e) => `${e.action}:${e.outcome}`);
    expect(events).toEqual(expect.arrayContaining(['membership.revoke:allowed', 'membership.revoke_undone:allowed']));

    // Nothing left to undo.
    await expectAppError(undoMembershipRevocation(actors.ada, { membershipId: before.id }, meta), 'invalid');
  });

  it('after the minute the revocation stands, and the refusal is audited', async () => {
    const row = await membershipOf('cora', aurora);
    const revokedAt = new Date();
    await revokeMembership(actors.ada, { membershipId: row.id }, meta, revokedAt);
    const audit = await lastAuditId(database.db);
    await expectAppError(
      undoMembershipRevocation(actors.ada, { membershipId: row.id }, meta, new Date(revokedAt.getTime() + 61_000)),
      'invalid',
      /minute to undo this has passed/,
    );
    expect((await membershipOf('cora', aurora)).revokedAt).not.toBeNull();
    expect((await auditSince(database.db, audit)).map((e) => `${e.action}:${e.outcome}:${e.reason}`)).toEqual([
      'membership.revoke_undone:denied:undo_window_passed',
    ]);
  });

  it('the database refuses an un-revocation by anyone but the revoker, or after the minute, even through a direct update', async () => {
    const row = await membershipOf('oscar', borealis);
    await revokeMembership(actors.ada, { membershipId: row.id }, meta);
    // A lead is not an admin: the policy refuses, and row-level security hides the row from a direct update.
    await expectAppError(undoMembershipRevocation(actors.sam, { membershipId: row.id }, meta), [
      'not_found',
      'invalid',
    ]);
    await withActor(actors.sam, ({ tx }) =>
      tx.update(memberships).set({ revokedAt: null, revokedBy: null }).where(eq(memberships.id, row.id)),
    );
    expect((await membershipOf('oscar', borealis)).revokedAt).not.toBeNull();
    // The revocation made two minutes ago (moved back as the owner): the guard refuses the revoker's direct update.
    await database.db
      .update(memberships)
      .set({ revokedAt: new Date(Date.now() - 120_000) })
      .where(eq(memberships.id, row.id));
    await expect(
      withActor(actors.ada, ({ tx }) =>
        tx.update(memberships).set({ revokedAt: null, revokedBy: null }).where(eq(memberships.id, row.id)),
      ),
    ).rejects.toThrow();
    expect((await membershipOf('oscar', borealis)).revokedAt).not.toBeNull();
    // Within the minute, the revoker through the application: restored.
    await database.db.update(memberships).set({ revokedAt: new Date() }).where(eq(memberships.id, row.id));
    await undoMembershipRevocation(actors.ada, { membershipId: row.id }, meta);
    expect((await membershipOf('oscar', borealis)).revokedAt).toBeNull();
  });
});

describe('undoing an allowlist removal', () => {
  it('the entry gives access again exactly as before; after the minute it does not come back', async () => {
    const [entry] = await database.db
      .select()
      .from(allowlistEntries)
      .where(
        and(eq(allowlistEntries.itemId, ids['BOREALIS-HR-SECURITY']), eq(allowlistEntries.userId, actors.oscar.id)),
      );
    await revokeAllowlistEntry(actors.ada, { entryId: entry!.id }, meta);
    expect(await readItem(actors.oscar, ids['BOREALIS-HR-SECURITY'], meta)).toBeNull();
    await undoAllowlistRevocation(actors.ada, { entryId: entry!.id }, meta);
    const [after] = await database.db.select().from(allowlistEntries).where(eq(allowlistEntries.id, entry!.id));
    expect(after).toEqual(entry);
    expect(await readItem(actors.oscar, ids['BOREALIS-HR-SECURITY'], meta)).not.toBeNull();

    const revokedAt = new Date();
    await revokeAllowlistEntry(actors.ada, { entryId: entry!.id }, meta, revokedAt);
    await expectAppError(
      undoAllowlistRevocation(actors.ada, { entryId: entry!.id }, meta, new Date(revokedAt.getTime() + 61_000)),
      'invalid',
    );
    expect(await readItem(actors.oscar, ids['BOREALIS-HR-SECURITY'], meta)).toBeNull();
  });
});

describe('a lead’s view of their project’s members', () => {
  it('the lead lists the current members with scopes and expiry; members, contractors, admins and clients get nothing', async () => {
    const led = await getLedProjectMembers(actors.sam, aurora);
    expect(led?.project.codename).toBe('Aurora');
    expect(led!.members.map((m) => m.person)).toContain('Sam Lead');
    expect(JSON.stringify(led)).not.toContain('Nova Reyes');
    for (const key of ['finn', 'ada', 'nova', 'oscar', 'brian'] as const) {
      expect(await getLedProjectMembers(actors[key], aurora), key).toBeNull();
    }
    expect(await getLedProjectMembers(actors.oscar, borealis)).not.toBeNull();
  });
});
