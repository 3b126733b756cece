/**
 * Every audit action the application writes, in one place: its `details` shape and how it reads to a person,
 * allowed and refused. `AuditEntry` (lib/dal/audit.ts) takes its action from here, so writing an action that is
 * not listed does not compile, and listing one without its words does not compile either. The database writes one
 * action itself (`disclosure.withheld`, db/functions.sql app_disclosures_for_client); it is listed too.
 *
 * Imports nothing at run time: client components may use it. To add an action: add its line here (the words and,
 * when it writes details, their shape), then write it with `audit({ action: '…', … })`.
 */

/** How an action reads: `done` starts the sentence of an allowed event, `attempt` follows "Tried to" for a refused one. */
export type Words = {
  readonly done: string;
  readonly attempt: string;
  /** Whether the thing the event concerns (an item, a person, a file, the project) follows the words. */
  readonly object: boolean;
};

/** Words followed by what the event concerns: "Read" + "Deal terms item #3". */
const about = (done: string, attempt: string): Words => ({ done, attempt, object: true });
/** Words complete on their own: "Signed in". */
const alone = (done: string, attempt: string): Words => ({ done, attempt, object: false });

/** The shape of an action's `details` (a type only: the value is never read). */
const shape = <T extends Record<string, unknown>>(): T => undefined as unknown as T;
/** The action writes no details. */
const none: undefined = undefined;

type Spec = { readonly details: Record<string, unknown> | undefined; readonly words: Words };

type GrantRole = 'lead' | 'member';
type Classification = 'confidential' | 'high_risk';
type Period = { value: number; unit: string; enabled: boolean };
type ProfileFieldChange = { field: string; from: string; to: string };
type FileRead = {
  code?: string;
  mode: string;
  itemId?: string;
  versionId?: string;
  version?: number;
  page?: number;
  range?: string;
};
type UploadStep = { versionId?: string; itemId: string | null };
type AllowlistEntry = { allowlistEntryId: string; granteeId: string; revokedAt?: Date | null };
type EventEntry = { entryId?: string; granteeId?: string; status?: string };
type HandoverDecision = { handoverChangeId: string; classification: Classification; sharedWithCounterparty: boolean };
type ProcessingPurpose = { category: string; purpose: string; lawfulBasis: string };
type Shortlist = { shortlistId?: string; profileId?: string; by?: string; entries?: number };

export const AUDIT_CATALOGUE = {
  // Access and explanations
  'access.explain': {
    details: shape<{ personId: string; answer: string | null }>(),
    words: about('Asked why a person may or may not read', 'ask why a person may read'),
  },
  'access_request.create': {
    details: shape<{ accessRequestId: string; kind: string }>(),
    words: about('Asked for access to', 'ask for access to'),
  },
  'access_request.approve': {
    details: shape<{ accessRequestId: string; kind: string }>(),
    words: about('Approved the access request of', 'approve the access request of'),
  },
  'access_request.refuse': {
    details: shape<{ accessRequestId: string; kind: string }>(),
    words: about('Refused the access request of', 'refuse the access request of'),
  },

  // The high-risk allowlist
  'allowlist.grant': {
    details: shape<AllowlistEntry & { expiresAt: Date | null; status: string }>(),
    words: about('Put on the high-risk allowlist of', 'put someone on the high-risk allowlist of'),
  },
  'allowlist.revoke': {
    details: shape<AllowlistEntry>(),
    words: about('Removed from the high-risk allowlist of', 'remove someone from the high-risk allowlist of'),
  },
  'allowlist.revoke_undone': {
    details: shape<AllowlistEntry>(),
    words: about(
      'Undid the removal from the high-risk allowlist of',
      'undo the removal from the high-risk allowlist of',
    ),
  },
  'allowlist.approve': {
    details: shape<AllowlistEntry>(),
    words: about('Approved the high-risk grant on', 'approve the high-risk grant on'),
  },
  'allowlist.refuse': {
    details: shape<AllowlistEntry>(),
    words: about('Refused the high-risk grant on', 'refuse the high-risk grant on'),
  },

  'audit.export': {
    details: shape<{ filters: Record<string, unknown> }>(),
    words: alone('Exported the audit log', 'export the audit log'),
  },

  // Signing in and the account's security
  'auth.sign_in': { details: shape<{ secondFactor: string | null }>(), words: alone('Signed in', 'sign in') },
  'auth.password_verified': {
    details: shape<{ next: string }>(),
    words: alone('Entered the right password (a second step follows)', 'sign in with a password'),
  },
  'auth.two_factor': {
    details: shape<{ method?: string; attempt?: number }>(),
    words: alone('Entered the right two-factor code', 'enter a two-factor code'),
  },
  'auth.two_factor_enrol': {
    details: shape<{ during?: string; attempt?: number; otherSessionsEnded?: number }>(),
    words: alone('Set up two-factor sign-in', 'set up two-factor sign-in'),
  },
  'auth.two_factor_reset': {
    details: shape<{ during?: string; attempt?: number; otherSessionsEnded?: number }>(),
    words: alone('Set up two-factor sign-in again, with a new secret', 'set up two-factor sign-in again'),
  },
  'auth.two_factor_setup_started': {
    details: none,
    words: alone('Started setting up two-factor sign-in', 'start setting up two-factor sign-in'),
  },
  'auth.two_factor_disable': {
    details: shape<{ otherSessionsEnded: number }>(),
    words: alone('Turned off two-factor sign-in', 'turn off two-factor sign-in'),
  },
  'auth.recovery_codes_regenerate': {
    details: shape<{ otherSessionsEnded: number }>(),
    words: alone('Made new recovery codes', 'make new recovery codes'),
  },
  'auth.lockout': {
    details: shape<{ scope: 'ip' | 'account' }>(),
    words: alone('Was locked out of signing in', 'sign in'),
  },
  'auth.sign_out': { details: none, words: alone('Signed out', 'sign out') },
  'auth.sign_out_everywhere': {
    details: shape<{ sessions: number }>(),
    words: alone('Signed out on every device', 'sign out on every device'),
  },
  'auth.password_change': {
    details: shape<{ otherSessionsEnded: number }>(),
    words: alone('Changed their password', 'change their password'),
  },
  'auth.password_reset_request': {
    details: none,
    words: alone('Asked for a link to reset their password', 'ask for a link to reset their password'),
  },
  'auth.password_reset': {
    details: shape<{ sessionsEnded: number }>(),
    words: alone('Reset their password', 'reset their password'),
  },
  'auth.reauthenticate': {
    details: shape<{ purpose: string; method?: string }>(),
    words: alone('Confirmed who they are again', 'confirm who they are again'),
  },

  // Written authorizations for public use
  'authorization.request': {
    details: shape<{ kind: string }>(),
    words: alone('Asked for a written authorization', 'ask for a written authorization'),
  },
  'authorization.sign': {
    details: shape<{ kind: string; requestId: string }>(),
    words: alone('Signed a written authorization', 'sign a written authorization'),
  },
  'authorization.refuse': {
    details: shape<{ kind: string; requestId: string }>(),
    words: alone('Refused a written authorization', 'refuse a written authorization'),
  },
  'authorization.revoke': {
    details: shape<{ kind: string; revocationId: string }>(),
    words: alone('Revoked a written authorization', 'revoke a written authorization'),
  },
  'authorization.download': {
    details: none,
    words: alone('Downloaded a written authorization', 'download a written authorization'),
  },

  // Emergency access
  'breakglass.start': {
    details: shape<{
      breakGlassId?: string;
      scopes?: readonly string[];
      highRiskItems?: number;
      expiresAt?: Date;
      denied?: string;
    }>(),
    words: about('Started emergency access to', 'start emergency access to'),
  },
  'breakglass.end': {
    details: shape<{ breakGlassId: string }>(),
    words: about('Ended emergency access to', 'end emergency access to'),
  },

  // Client accounts
  'client.create': {
    details: shape<{ kind: string }>(),
    words: alone('Created a client account', 'create a client account'),
  },
  'client.approval_setting': {
    details: shape<{ required: boolean }>(),
    words: alone(
      'Changed whether high-risk grants need the client’s approval',
      'change whether high-risk grants need the client’s approval',
    ),
  },
  'client.zero_association': {
    details: shape<{ on: boolean }>(),
    words: alone(
      'Changed whether the client may ever be named in public',
      'change whether the client may be named in public',
    ),
  },

  // The credentials vault (lib/dal/vault.ts)
  'credentials.reveal': {
    details: shape<{ statedReason: string }>(),
    words: about('Revealed the secret value of', 'reveal the secret value of'),
  },

  // The disclosure register (issue 15): a gagged record's events name no project until the gag is lifted.
  'disclosure.record': {
    details: shape<{ recipientKind: string; items: number; legal: boolean; gagged: boolean }>(),
    words: about('Recorded a disclosure of data from', 'record a disclosure of data from'),
  },
  'disclosure.lift_gag': {
    details: shape<{ gagUntil: string | null }>(),
    words: about(
      'Lifted the legal gag on a disclosure of data from',
      'lift the legal gag on a disclosure of data from',
    ),
  },
  // Written by the database (db/functions.sql), never by the application.
  'disclosure.withheld': {
    details: shape<{
      subject: string;
      askedBy: string | null;
      via: string;
      disclosureIds: readonly string[];
      count: number;
    }>(),
    words: alone('Withheld a gagged disclosure from its client', 'show a gagged disclosure to its client'),
  },

  // Events (issue 14)
  'event.create': { details: none, words: about('Created an event of', 'create an event of') },
  'event.update': {
    details: shape<{ restrictedPartChanged: boolean }>(),
    words: about('Edited an event of', 'edit an event of'),
  },
  'event.view': {
    details: shape<{ purpose: string; restricted: boolean; needsOpened: number }>(),
    words: about('Viewed an event of', 'view an event of'),
  },
  'event.invite_guest': {
    details: shape<{ guestId: string }>(),
    words: about('Invited a guest to an event of', 'invite a guest to an event of'),
  },
  'event.check_in': {
    details: shape<{ eventId: string }>(),
    words: about('Checked in a guest at an event of', 'check in a guest at an event of'),
  },
  'event.access.grant': {
    details: shape<EventEntry>(),
    words: about('Put on the allowlist of an event of', 'put someone on the allowlist of an event of'),
  },
  'event.access.revoke': {
    details: shape<EventEntry>(),
    words: about('Removed from the allowlist of an event of', 'remove someone from the allowlist of an event of'),
  },
  'event.access.decide': {
    details: shape<EventEntry>(),
    words: about('Decided on an allowlist entry of an event of', 'decide on an allowlist entry of an event of'),
  },
  'event.access.approve': {
    details: shape<EventEntry>(),
    words: about('Approved an allowlist entry of an event of', 'approve an allowlist entry of an event of'),
  },
  'event.access.refuse': {
    details: shape<EventEntry>(),
    words: about('Refused an allowlist entry of an event of', 'refuse an allowlist entry of an event of'),
  },
  'rsvp.view': {
    details: none,
    words: about('A guest opened their invitation to an event of', 'open an invitation to an event of'),
  },
  'rsvp.answer': {
    details: shape<{ status: string; eventId: string }>(),
    words: about('A guest answered their invitation to an event of', 'answer an invitation to an event of'),
  },
  'rsvp.give_needs': {
    details: shape<{ eventId: string; noticeVersion: string }>(),
    words: about(
      'A guest gave dietary or accessibility needs for an event of',
      'give dietary or accessibility needs for an event of',
    ),
  },
  'rsvp.withdraw_needs': {
    details: shape<{ eventId: string; removed: number }>(),
    words: about('A guest withdrew their needs for an event of', 'withdraw needs for an event of'),
  },

  // Files (issue 13): every view and download of a client's file, uploads, and an administrator tracing a leak.
  'file.view': { details: shape<FileRead>(), words: about('Viewed a file of', 'view a file of') },
  'file.download': { details: shape<FileRead>(), words: about('Downloaded a file of', 'download a file of') },
  'file.trace': {
    details: shape<{
      tracedEventId?: number;
      itemId?: string | null;
      version?: number | null;
      codes: string[];
      via: string;
      found: number;
    }>(),
    words: about('Traced a leaked copy of a file of', 'trace a leaked copy of a file of'),
  },
  'file.upload_start': {
    details: shape<{ itemId: string; declaredSize?: number | null }>(),
    words: about('Started an upload to', 'start an upload to'),
  },
  'file.upload_write': {
    details: shape<UploadStep>(),
    words: about('Sent part of an upload to', 'send part of an upload to'),
  },
  'file.upload_status': { details: shape<UploadStep>(), words: about('Checked an upload to', 'check an upload to') },
  'file.upload_cancel': { details: shape<UploadStep>(), words: about('Cancelled an upload to', 'cancel an upload to') },
  'file.upload_refused': {
    details: shape<{ itemId: string }>(),
    words: about('Was refused an upload (wrong type or too large) to', 'upload a file to'),
  },
  'file.upload': { details: shape<{ itemId: string }>(), words: about('Uploaded a file to', 'upload a file to') },

  // Hand-overs: a change the owning client approves or refuses
  'handover_change.decide': {
    details: none,
    words: about('Decided on a change to the hand-over', 'decide on a change to the hand-over'),
  },
  'handover_change.approve': {
    details: shape<HandoverDecision>(),
    words: about('Approved a change to the hand-over', 'approve a change to the hand-over'),
  },
  'handover_change.refuse': {
    details: shape<HandoverDecision>(),
    words: about('Refused a change to the hand-over', 'refuse a change to the hand-over'),
  },

  // Items
  'item.read': { details: none, words: about('Read', 'read') },
  'item.create': {
    details: shape<{ category: string; classification: Classification; sealed: boolean }>(),
    words: about('Created', 'create'),
  },
  'item.edit': { details: shape<{ secretChanged: boolean }>(), words: about('Edited', 'edit') },
  'item.classify': {
    details: shape<{ classification: Classification; sharedWithCounterparty: boolean; sealed: boolean }>(),
    words: about('Changed the classification of', 'change the classification of'),
  },
  'item.classify_requested': {
    details: shape<{ classification: Classification; sharedWithCounterparty: boolean; pending: string }>(),
    words: about('Asked the client to approve a change to', 'ask the client to approve a change to'),
  },
  'item.files_downloadable': {
    details: shape<{ filesDownloadable: boolean; changed: boolean }>(),
    words: about('Allowed downloading the files of', 'allow downloading the files of'),
  },
  'item.files_view_only': {
    details: shape<{ filesDownloadable: boolean; changed: boolean }>(),
    words: about('Made view-only the files of', 'make view-only the files of'),
  },

  // Scheduled jobs and keys
  'job.run_now': {
    details: shape<{ job: string }>(),
    words: alone('Ran a scheduled job now', 'run a scheduled job now'),
  },
  'job.expiry_reminders': {
    details: shape<{ via: string }>(),
    words: alone('Sent the reminders of access about to end', 'send the reminders of access about to end'),
  },
  'job.privacy_deadline_reminders': {
    details: shape<{ via: string; reminders: number }>(),
    words: alone('Sent the reminders of privacy request deadlines', 'send the reminders of privacy request deadlines'),
  },
  'keys.rotate': {
    details: shape<{ keyId: string; sealed: number; rewrapped: number; batches: number; remaining: number }>(),
    words: alone('Rotated the encryption key', 'rotate the encryption key'),
  },

  // Project access
  'membership.grant': {
    details: shape<{
      membershipId: string;
      role: GrantRole;
      scopes: string | readonly string[];
      expiresAt: Date | null;
    }>(),
    words: about('Granted project access to', 'grant project access to'),
  },
  'membership.revoke': {
    details: shape<{ membershipId: string }>(),
    words: about('Revoked the project access of', 'revoke the project access of'),
  },
  // Issue 16: a revocation undone within the minute by the admin who made it.
  'membership.revoke_undone': {
    details: shape<{ membershipId: string; revokedAt?: Date | null }>(),
    words: about('Undid the revocation of the project access of', 'undo the revocation of the project access of'),
  },

  // Confidentiality agreements
  'nda.send': {
    details: shape<{ ndaRequestId: string; version: number; scope: string }>(),
    words: about('Sent a confidentiality agreement to', 'send a confidentiality agreement to'),
  },
  'nda.sign': {
    details: shape<{ version: number; requestId: string | null; scope: string }>(),
    words: alone('Signed a confidentiality agreement', 'sign a confidentiality agreement'),
  },
  'nda.refuse': {
    details: none,
    words: alone('Refused to sign a confidentiality agreement', 'refuse a confidentiality agreement'),
  },
  'nda.record_download': {
    details: none,
    words: alone('Downloaded a signed confidentiality agreement', 'download a signed confidentiality agreement'),
  },
  'nda.version_create': {
    details: shape<{ version: number; material: boolean; superseded: number }>(),
    words: alone(
      'Published a new version of the confidentiality agreement',
      'publish a new version of the confidentiality agreement',
    ),
  },

  // Privacy requests and the privacy policy
  'privacy.request_received': {
    details: shape<{
      kind: string;
      channel: string;
      jurisdiction?: string;
      agent?: boolean;
      merged?: boolean;
      dueOn?: string;
    }>(),
    words: alone('Received a privacy request', 'make a privacy request'),
  },
  'privacy.request_verify': {
    details: none,
    words: alone('Confirmed the email address of a privacy request', 'confirm the email address of a privacy request'),
  },
  'privacy.request_subject_confirm': {
    details: none,
    words: alone(
      'Confirmed being the person a privacy request is about',
      'confirm being the person a privacy request is about',
    ),
  },
  'privacy.request_code_resent': {
    details: shape<{ purpose: string }>(),
    words: alone('Sent the code of a privacy request again', 'send the code of a privacy request again'),
  },
  'privacy.request_started': {
    details: none,
    words: alone('Started work on a privacy request', 'start work on a privacy request'),
  },
  'privacy.request_extended': {
    details: shape<{ from: string; to: string }>(),
    words: alone('Extended the deadline of a privacy request', 'extend the deadline of a privacy request'),
  },
  'privacy.request_refused': { details: none, words: alone('Refused a privacy request', 'refuse a privacy request') },
  'privacy.request_routed': {
    details: shape<{ projectId: string; controllerNamed: boolean }>(),
    words: alone('Passed a privacy request on to the controller', 'pass a privacy request on to the controller'),
  },
  'privacy.request_completed': {
    details: shape<{ kind: string; receipt?: readonly { table: string; outcome: string; count: number }[] }>(),
    words: alone('Completed a privacy request', 'complete a privacy request'),
  },
  'privacy.correction_applied': {
    details: shape<{ field: string; before: string; after: string }>(),
    words: about('Corrected the personal data of', 'correct the personal data of'),
  },
  'privacy.export_downloaded': {
    details: shape<{ recipient: string; files: number; bytes: number }>(),
    words: alone('Downloaded the export of a privacy request', 'download the export of a privacy request'),
  },
  'privacy.policy_published': {
    details: shape<{ version: number; effectiveOn: string; material: boolean }>(),
    words: alone('Published a version of the privacy policy', 'publish a version of the privacy policy'),
  },
  'privacy.policy_acknowledged': {
    details: shape<{ version: number }>(),
    words: alone('Acknowledged the privacy policy', 'acknowledge the privacy policy'),
  },

  // The register of processing activities (issue 15)
  'processing.purpose_added': {
    details: shape<ProcessingPurpose>(),
    words: alone(
      'Added a purpose to the register of processing activities',
      'add a purpose to the register of processing activities',
    ),
  },
  'processing.purpose_removed': {
    details: shape<ProcessingPurpose>(),
    words: alone(
      'Removed a purpose from the register of processing activities',
      'remove a purpose from the register of processing activities',
    ),
  },
  'processing.engagement_role_set': {
    details: shape<{
      before: { role: string; instructionsRef: string | null };
      after: { role: string; instructionsRef: string | null };
    }>(),
    words: about(
      'Recorded whether MM Group is controller or processor of',
      'record whether MM Group is controller or processor of',
    ),
  },
  'processing.register_exported': {
    details: shape<{ format: string }>(),
    words: alone('Downloaded the register of processing activities', 'download the register of processing activities'),
  },

  // Profiles and shortlists (issue 14)
  'profile.view': {
    details: shape<{ profileId?: string; fields?: readonly string[] }>(),
    words: about('Viewed the profile of', 'view the profile of'),
  },
  'profile.shortlist_view': {
    details: shape<{ shortlistId: string; fields: readonly string[] }>(),
    words: about('A brand viewed a shortlist naming', 'view a shortlist naming'),
  },
  'profile.edit': { details: shape<ProfileFieldChange>(), words: alone('Edited their profile', 'edit their profile') },
  'profile.visibility': {
    details: shape<ProfileFieldChange>(),
    words: alone('Changed who may see a field of their profile', 'change who may see a field of their profile'),
  },
  'profile.browse_freelancers': {
    details: shape<{ count: number }>(),
    words: alone('Browsed freelancer profiles', 'browse freelancer profiles'),
  },
  'shortlist.create': { details: none, words: alone('Created a shortlist', 'create a shortlist') },
  'shortlist.add': {
    details: shape<{ profileId: string }>(),
    words: alone('Added a creator to a shortlist', 'add a creator to a shortlist'),
  },
  'shortlist.propose': {
    details: shape<{ entries: number }>(),
    words: alone('Proposed a shortlist to a brand', 'propose a shortlist to a brand'),
  },
  'shortlist.view': {
    details: shape<{ shortlistId: string }>(),
    words: alone('Viewed a shortlist', 'view a shortlist'),
  },
  'shortlist.withdraw': {
    details: shape<Shortlist>(),
    words: alone('Withdrew a creator from a shortlist', 'withdraw a creator from a shortlist'),
  },
  'shortlist.withdraw_all': {
    details: shape<Shortlist>(),
    words: alone('Withdrew a whole shortlist', 'withdraw a whole shortlist'),
  },

  'project.create': { details: none, words: about('Created the project', 'create the project') },

  // Retention
  'retention.rule_changed': {
    details: shape<{ rule: string; before: Period; after: Period }>(),
    words: alone('Changed a retention rule', 'change a retention rule'),
  },
  'retention.hold_placed': {
    details: shape<{ on: string }>(),
    words: alone('Placed a legal hold', 'place a legal hold'),
  },
  'retention.hold_released': { details: none, words: alone('Released a legal hold', 'release a legal hold') },
  'retention.run': {
    details: shape<{
      dryRun: boolean;
      via: string;
      startedAt: string;
      finishedAt: string;
      rules: readonly Record<string, unknown>[];
      expiredExportsDropped: number;
      eventNeeds: { eligible: number; held: number; removed: number };
    }>(),
    words: alone('Ran the retention clean-up', 'run the retention clean-up'),
  },

  // Access reviews
  'review.schedule': {
    details: shape<{ from: number; to: number }>(),
    words: alone('Changed how often access is reviewed', 'change how often access is reviewed'),
  },
  'review.open': {
    details: shape<{ reviewId: string; dueAt: string; via: string }>(),
    words: about('Opened an access review of', 'open an access review of'),
  },
  'review.view': {
    details: shape<{ reviewId?: string }>(),
    words: about('Viewed the access review of', 'view the access review of'),
  },
  'review.decide': {
    details: shape<{
      reviewId: string;
      grant?: 'membership' | 'allowlist';
      grantId?: string;
      decision?: 'revoked' | 'confirmed' | 'narrowed';
      scopesBefore?: readonly string[];
      scopesAfter?: readonly string[];
    }>(),
    words: about('Decided in an access review on the access of', 'decide in an access review on the access of'),
  },
  'review.complete': {
    details: shape<{ reviewId: string }>(),
    words: about('Completed the access review of', 'complete the access review of'),
  },
  'review.end': {
    details: shape<{ reviewId: string; expired: number; via: string }>(),
    words: about('Ended the access review of', 'end the access review of'),
  },

  'settings.contractor_max_days': {
    details: shape<{ from: number; to: number }>(),
    words: alone(
      'Changed the longest a contractor’s access may last',
      'change the longest a contractor’s access may last',
    ),
  },

  // People
  'user.invite': {
    details: shape<{ role: string; emailed: boolean; suppressed?: true }>(),
    words: alone('Invited a person', 'invite a person'),
  },
  'user.accept_invitation': {
    details: shape<{ ageConfirmed: boolean }>(),
    words: alone('Accepted an invitation', 'accept an invitation'),
  },
  'user.disable': { details: none, words: about('Disabled the account of', 'disable the account of') },
  'user.enable': { details: none, words: about('Enabled the account of', 'enable the account of') },
} as const satisfies Record<string, Spec>;

export type AuditAction = keyof typeof AUDIT_CATALOGUE;

/** The `details` an action writes (undefined when it writes none). */
export type AuditDetails<A extends AuditAction> = (typeof AUDIT_CATALOGUE)[A]['details'];

export const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(AUDIT_CATALOGUE, action);

/** Every action, for filters (sorted). */
export const AUDIT_ACTIONS = Object.keys(AUDIT_CATALOGUE).sort() as AuditAction[];
