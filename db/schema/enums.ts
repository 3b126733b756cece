import { pgEnum } from 'drizzle-orm/pg-core';
// The words are listed once, in lib/vocabulary.ts; forms and the policy use the same lists.
import {
  ACCESS_REQUEST_KINDS,
  ACCESS_REQUEST_STATUSES,
  ALLOWLIST_STATUSES,
  AUDIT_OUTCOMES,
  AUTHORIZATION_KINDS,
  AUTHORIZATION_OUTCOMES,
  CLASSIFICATIONS,
  CLIENT_KINDS,
  ITEM_CATEGORIES,
  MEMBERSHIP_ROLES,
  NDA_REQUEST_STATUSES,
  NDA_SIGNATURE_METHODS,
  PROJECT_STATUSES,
  USER_ROLES,
} from '../../lib/vocabulary';

export const userRole = pgEnum('user_role', USER_ROLES);
export const clientKind = pgEnum('client_kind', CLIENT_KINDS);
export const projectStatus = pgEnum('project_status', PROJECT_STATUSES);
export const itemCategory = pgEnum('item_category', ITEM_CATEGORIES);
export const itemClassification = pgEnum('item_classification', CLASSIFICATIONS);
export const membershipRole = pgEnum('membership_role', MEMBERSHIP_ROLES);
export const auditOutcome = pgEnum('audit_outcome', AUDIT_OUTCOMES);
export const authorizationKind = pgEnum('authorization_kind', AUTHORIZATION_KINDS);
/** What one authorization record says: the client signed, refused, or revoked an earlier signature. */
export const authorizationOutcome = pgEnum('authorization_outcome', AUTHORIZATION_OUTCOMES);
/** A high-risk allowlist entry waits for the owning client's approval when the client requires it. */
export const allowlistStatus = pgEnum('allowlist_status', ALLOWLIST_STATUSES);
export const accessRequestKind = pgEnum('access_request_kind', ACCESS_REQUEST_KINDS);
export const accessRequestStatus = pgEnum('access_request_status', ACCESS_REQUEST_STATUSES);
/** How an NDA signature was made: by the signer in the portal, or recorded from a paper original (with its scan). */
export const ndaSignatureMethod = pgEnum('nda_signature_method', NDA_SIGNATURE_METHODS);
/** An NDA an admin sent to a person: waiting for them, signed, refused, or withdrawn by an admin. */
export const ndaRequestStatus = pgEnum('nda_request_status', NDA_REQUEST_STATUSES);
