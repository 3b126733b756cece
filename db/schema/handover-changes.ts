import { boolean, index, pgEnum, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { HANDOVER_CHANGE_STATUSES } from '../../lib/vocabulary';
import { projects } from './clients';
import { itemClassification } from './enums';
import { items } from './items';
import { users } from './users';
import { sql } from 'drizzle-orm';
import { appRole } from './roles';

/** A lead's change to a client's hand-over waits for that client: pending, then approved (applied) or refused. */
export const handoverChangeStatus = pgEnum('handover_change_status', HANDOVER_CHANGE_STATUSES);

/**
 * A classification or sharing change to an item a member of the owning client handed over, when it lowers the
 * item from high-risk or shares it with the counterparty (docs/product.md §14). The item changes only when the client
 * approves; a trigger on `items` (migration 0022) refuses such a change without an approved, unapplied request.
 */
export const handoverChangeRequests = pgTable(
  'handover_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Retention deletes a project's items; their requests go with them.
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    /** What the lead asked for. */
    classification: itemClassification('classification').notNull(),
    sharedWithCounterparty: boolean('shared_with_counterparty').notNull(),
    status: handoverChangeStatus('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    /** Set in the approving transaction once the item changed, so one approval is used exactly once. */
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    index('handover_change_requests_item_idx').on(t.itemId, t.status),
    index('handover_change_requests_project_idx').on(t.projectId, t.status),
    // Asked by an active agency member of the project as themselves; decided (once, as themselves) by the owning
    // client; seen by the asker, administrators, the owning client and the project's active members.
    pgPolicy('handover_change_requests_view', {
      for: 'select',
      to: appRole,
      using: sql`requested_by = (select app_user_id()) or (select app_is_admin()) or app_owner_client_of(project_id) or app_active_member_of(project_id)`,
    }),
    pgPolicy('handover_change_requests_ask', {
      for: 'insert',
      to: appRole,
      withCheck: sql`requested_by = (select app_user_id()) and status = 'pending' and decided_by is null and applied_at is null
        and (select app_user_role()) in ('admin', 'staff', 'contractor') and app_active_member_of(project_id)`,
    }),
    pgPolicy('handover_change_requests_decide', {
      for: 'update',
      to: appRole,
      using: sql`(status = 'pending' or (status = 'approved' and applied_at is null)) and app_owner_client_of(project_id)`,
      withCheck: sql`status in ('approved', 'refused') and decided_by = (select app_user_id()) and app_owner_client_of(project_id)`,
    }),
  ],
);
