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
  'zero_public_association',
]);
/** What one authorization record says: the client signed, refused, or revoked an earlier signature. */
export const authorizationOutcome = pgEnum('authorization_outcome', ['signed', 'refused', 'revoked']);
/** A high-risk allowlist entry waits for the owning client's approval when the client requires it. */
export const allowlistStatus = pgEnum('allowlist_status', ['pending', 'active', 'refused']);
export const accessRequestKind = pgEnum('access_request_kind', ['membership', 'high_risk_item']);
export const accessRequestStatus = pgEnum('access_request_status', ['open', 'approved', 'refused']);
/** How an NDA signature was made: by the signer in the portal, or recorded from a paper original (with its scan). */
export const ndaSignatureMethod = pgEnum('nda_signature_method', ['portal', 'paper']);
/** An NDA an admin sent to a person: waiting for them, signed, refused, or withdrawn by an admin. */
export const ndaRequestStatus = pgEnum('nda_request_status', ['sent', 'signed', 'refused', 'withdrawn']);
