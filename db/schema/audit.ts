import { bigint, index, jsonb, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { auditOutcome } from './enums';
import { sql } from 'drizzle-orm';
import { appRole } from './roles';

/**
 * Append-only record of every access decision and administrative act. Targets are ids, never titles
 * or real names, so the log itself reveals no content. A trigger (migration 0001) refuses updates and
 * deletes and links every event to the one before it: `seq`, `prevHash` and `hash` are set by the database,
 * whatever the insert says.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id'),
    projectId: uuid('project_id'),
    outcome: auditOutcome('outcome').notNull(),
    reason: text('reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    index('audit_events_actor_idx').on(t.actorId, t.id),
    index('audit_events_project_idx').on(t.projectId, t.id),
    index('audit_events_target_idx').on(t.targetId),
    // The audit log's filters (issue 16): by action and by outcome, newest first; by date range.
    index('audit_events_action_idx').on(t.action, t.id),
    index('audit_events_outcome_idx').on(t.outcome, t.id),
    index('audit_events_at_idx').on(t.at),
    uniqueIndex('audit_events_seq_key').on(t.seq),
    // Appended only as the acting user, or with no acting user for the account's own sign-in steps and the
    // acceptance of an invitation by the account it created. Seen by administrators, the actor, the project's
    // owning client, and a person about views of their profile. Never updated or deleted (trigger, migration 0001).
    pgPolicy('audit_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or actor_id = (select app_user_id()) or (project_id is not null and app_owner_client_of(project_id))`,
    }),
    pgPolicy('audit_view_profile', {
      for: 'select',
      to: appRole,
      using: sql`target_type = 'profile' and target_id = (select app_user_id())`,
    }),
    pgPolicy('audit_append', {
      for: 'insert',
      to: appRole,
      withCheck: sql`actor_id is not distinct from (select app_user_id())
        or ((select app_user_id()) is null and actor_id is not null and (
          (action like 'auth.%' and target_type = 'user' and target_id = actor_id)
          or (action = 'user.accept_invitation' and target_type = 'invitation' and app_invitation_accepted_by(target_id, actor_id))))`,
    }),
  ],
);
