/** How audit actions read in a client's access history (safe for client components). */
export const HISTORY_ACTION_LABELS: Record<string, string> = {
  'item.read': 'Read',
  'item.reveal': 'Revealed the secret value of',
  // What the credentials vault (lib/dal/vault.ts) records for a reveal.
  'credentials.reveal': 'Revealed the secret value of',
  'item.create': 'Created',
  'item.edit': 'Edited',
  'item.classify': 'Changed the classification of',
  'item.classify_requested': 'Asked the client to approve a change to',
  'item.files_downloadable': 'Allowed downloading the files of',
  'item.files_view_only': 'Made view-only the files of',
  // Files (issue 13): every view and download of a client's file, and an administrator tracing a leaked copy.
  'file.view': 'Viewed a file of',
  'file.download': 'Downloaded a file of',
  'file.trace': 'Traced a leaked copy of a file of',
  'file.upload': 'Uploaded a file to',
  'file.upload_refused': 'Was refused an upload (wrong type or too large) to',
  'handover_change.approve': 'Approved a change to the hand-over',
  'handover_change.refuse': 'Refused a change to the hand-over',
  'membership.grant': 'Granted project access to',
  'membership.revoke': 'Revoked the project access of',
  'allowlist.grant': 'Put on the high-risk allowlist of',
  'allowlist.revoke': 'Removed from the high-risk allowlist of',
  // Issue 16: a revocation undone within the minute by the admin who made it.
  'membership.revoke_undone': 'Undid the revocation of the project access of',
  'allowlist.revoke_undone': 'Undid the removal from the high-risk allowlist of',
  'allowlist.approve': 'Approved the high-risk grant on',
  'allowlist.refuse': 'Refused the high-risk grant on',
  'authorization.request': 'Asked for a written authorization',
  'authorization.sign': 'Signed a written authorization',
  'authorization.refuse': 'Refused a written authorization',
  'authorization.revoke': 'Revoked a written authorization',
  'project.create': 'Created the project',
  // Events (issue 14).
  'event.create': 'Created an event of',
  'event.update': 'Edited an event of',
  'event.view': 'Viewed an event of',
  'event.invite_guest': 'Invited a guest to an event of',
  'event.check_in': 'Checked in a guest at an event of',
  'rsvp.view': 'A guest opened their invitation to an event of',
  'rsvp.answer': 'A guest answered their invitation to an event of',
  'rsvp.give_needs': 'A guest gave dietary or accessibility needs for an event of',
  'rsvp.withdraw_needs': 'A guest withdrew their needs for an event of',
  // Profiles and shortlists (issue 14).
  'profile.view': 'Viewed the profile of',
  'profile.shortlist_view': 'A brand viewed a shortlist naming',
  'profile.edit': 'Edited their profile',
  'profile.visibility': 'Changed who may see a field of their profile',
  'profile.browse_freelancers': 'Browsed freelancer profiles',
  'shortlist.create': 'Created a shortlist',
  'shortlist.add': 'Added a creator to a shortlist',
  'shortlist.propose': 'Proposed a shortlist to a brand',
  'shortlist.view': 'Viewed a shortlist',
  // The disclosure register (issue 15): a gagged record's events name no project until the gag is lifted.
  'disclosure.record': 'Recorded a disclosure of data from',
  'disclosure.lift_gag': 'Lifted the legal gag on a disclosure of data from',
  'disclosure.withheld': 'Withheld a gagged disclosure from its client, about',
  // The register of processing activities (issue 15 point 5): the agency's role in an engagement.
  'processing.engagement_role_set': 'Recorded whether MM Group is controller or processor of',
};

export const historyActionLabel = (action: string) => HISTORY_ACTION_LABELS[action] ?? action.replace(/[._]/g, ' ');

/** The actions a client can filter their history by. */
export const HISTORY_KINDS = {
  reads: ['item.read', 'item.reveal', 'credentials.reveal', 'file.view', 'file.download'],
  grants: [
    'membership.grant',
    'membership.revoke',
    'allowlist.grant',
    'allowlist.revoke',
    'allowlist.approve',
    'allowlist.refuse',
    'membership.revoke_undone',
    'allowlist.revoke_undone',
  ],
} as const;
