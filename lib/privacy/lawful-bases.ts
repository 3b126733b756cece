/** The lawful bases of seed 000 §4 (GDPR art. 6), one list for the registers' forms, pages, exports and the database. */

import type { LawfulBasis } from '../vocabulary';

export { LAWFUL_BASES, type LawfulBasis } from '../vocabulary';

export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = {
  contract: 'Contract',
  legitimate_interests: 'Legitimate interests',
  consent: 'Consent',
  legal_obligation: 'Legal obligation',
  vital_interests: 'Vital interests',
  public_interest: 'Public interest',
};
