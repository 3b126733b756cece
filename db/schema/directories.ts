import { bigint, boolean, date, pgView, text, uuid } from 'drizzle-orm/pg-core';
import { itemCategory, itemClassification, projectStatus } from './enums';

/*
 * Metadata views created by migration 0001 (hand-written SQL). Under row-level security the application
 * role sees only the projects and items the need-to-know policy allows; these views give the data-access
 * layer what it needs to decide and to administer (ids, codenames, categories) without any content, titles
 * or real names, and only to a signed-in acting user.
 */
export const projectDirectory = pgView('project_directory', {
  id: uuid('id').notNull(),
  codename: text('codename').notNull(),
  clientAccountId: uuid('client_account_id').notNull(),
  counterpartyAccountId: uuid('counterparty_account_id'),
  status: projectStatus('status').notNull(),
  startsOn: date('starts_on'),
  endsOn: date('ends_on'),
}).existing();

export const itemDirectory = pgView('item_directory', {
  id: uuid('id').notNull(),
  ref: bigint('ref', { mode: 'number' }).notNull(),
  projectId: uuid('project_id').notNull(),
  category: itemCategory('category').notNull(),
  classification: itemClassification('classification').notNull(),
  sharedWithCounterparty: boolean('shared_with_counterparty').notNull(),
  authorId: uuid('author_id').notNull(),
}).existing();
