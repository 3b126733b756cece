import { pgEnum } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['admin', 'staff', 'contractor', 'client']);
export const clientKind = pgEnum('client_kind', ['talent', 'brand']);
export const projectStatus = pgEnum('project_status', ['active', 'closed']);
export const itemCategory = pgEnum('item_category', [
  'deal_terms',
  'logistics',
  'creative',
  'communications',
  'credentials',
]);
export const itemClassification = pgEnum('item_classification', ['confidential', 'high_risk']);
export const membershipRole = pgEnum('membership_role', ['lead', 'member']);
export const auditOutcome = pgEnum('audit_outcome', ['allowed', 'denied']);
export const authorizationKind = pgEnum('authorization_kind', [
  'portfolio_use',
  'case_study',
  'testimonial',
  'public_reference',
]);
