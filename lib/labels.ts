import type { ItemCategory, Scope, UserRole } from '@/lib/authz/types';

/** Human names for the policy's vocabulary; safe to import from client components. */
export const CATEGORY_LABELS: Record<ItemCategory, string> = {
  deal_terms: 'Deal terms',
  logistics: 'Logistics',
  creative: 'Creative',
  communications: 'Communications',
  credentials: 'Credentials',
};

export const SCOPE_LABELS: Record<Scope, string> = { ...CATEGORY_LABELS, identity: 'Client identity' };

export const ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Access administrator',
  staff: 'Staff',
  contractor: 'Contractor',
  client: 'Client',
};

/** How an item is named to anyone who may not read it: its category and reference number, never its title. */
export const itemReference = (category: ItemCategory, ref: number) => `${CATEGORY_LABELS[category]} item #${ref}`;

export const formatDateTime = (d: Date | string | null) =>
  d === null ? '—' : new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
export const formatDate = (d: Date | string | null) => (d === null ? '—' : new Date(d).toISOString().slice(0, 10));
