import { bigint, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { itemCategory, itemClassification } from './enums';
import { projects } from './clients';
import { users } from './users';

/** A piece of confidential project data. `ref` is the public-safe reference used where the title may not show. */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: bigint('ref', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    category: itemCategory('category').notNull(),
    classification: itemClassification('classification').notNull().default('confidential'),
    sharedWithCounterparty: boolean('shared_with_counterparty').notNull().default(false),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('items_project_category_idx').on(t.projectId, t.category)],
);
