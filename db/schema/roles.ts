import { pgRole } from 'drizzle-orm/pg-core';
/** The role every application transaction runs as (lib/dal/transaction.ts); created by migration 0001. */
export const appRole = pgRole('clearance_app').existing();
