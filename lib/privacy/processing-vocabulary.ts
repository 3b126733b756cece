/**
 * The words of the register of processing activities (issue 15 point 4): the product's data categories, built from
 * the vocabulary's item categories (the `item_category` enum's values, not a copy; lib/vocabulary.ts), and the
 * engagement roles (point 5).
 */
import { ITEM_CATEGORIES, type DataCategory, type EngagementRole } from '../vocabulary';

export { DATA_CATEGORIES, ENGAGEMENT_ROLES, type DataCategory, type EngagementRole } from '../vocabulary';
export const ITEM_DATA_CATEGORIES = ITEM_CATEGORIES;

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  identity_contact: 'Identity and contact',
  deal_terms: 'Deal terms',
  logistics: 'Logistics',
  creative: 'Creative',
  communications: 'Communications',
  credentials: 'Credentials',
  events: 'Events',
  profiles: 'Profiles',
  usage_data: 'Usage data',
};

export const ENGAGEMENT_ROLE_LABELS: Record<EngagementRole, string> = {
  controller: 'Controller',
  processor: 'Processor',
};
