/**
 * The words of the register of processing activities (issue 15 point 4): the product's data categories, built from
 * the schema's own vocabulary (the item categories are the `item_category` enum's values, not a copy), and the
 * engagement roles (point 5).
 */
import { itemCategory } from '../../db/schema/enums';

export const ITEM_DATA_CATEGORIES = itemCategory.enumValues;
export const DATA_CATEGORIES = [
  'identity_contact',
  ...ITEM_DATA_CATEGORIES,
  'events',
  'profiles',
  'usage_data',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

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

export const ENGAGEMENT_ROLES = ['controller', 'processor'] as const;
export type EngagementRole = (typeof ENGAGEMENT_ROLES)[number];
export const ENGAGEMENT_ROLE_LABELS: Record<EngagementRole, string> = {
  controller: 'Controller',
  processor: 'Processor',
};
