/** What the profile and shortlist forms answer (issue 14); shared with the server-action tests. */
export const FIELD_SAVED = 'Saved.';
export const FIELD_REMOVED = 'Field removed.';
export const CONSENT_NEEDED = 'Tick the box to confirm you agree to show this field to the people you chose.';
export const NOTICE_CHANGED = 'The notice about showing your profile has changed. Please read it again and confirm.';
export const SHORTLIST_ADDED = 'Added to the shortlist.';
export const SHORTLIST_PROPOSED = 'Proposed to the brand. Each creator has been told.';
export const SHORTLIST_EMPTY = 'Add at least one creator before proposing the shortlist.';
