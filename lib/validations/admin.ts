import { z } from 'zod';
import { AUDIT_OUTCOMES, CLIENT_KINDS, MEMBERSHIP_ROLES, SCOPES, USER_ROLES } from '@/lib/vocabulary';
import { uuid } from './ids';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31.')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a real date.');

/** An optional date field; an expiry means the end of that day (UTC). */
export const optionalExpiry = z.preprocess(
  emptyToUndefined,
  dateOnly.transform((s) => new Date(`${s}T23:59:59.999Z`)).optional(),
);
const optionalId = z.preprocess(emptyToUndefined, uuid.optional());
const optionalDate = z.preprocess(emptyToUndefined, dateOnly.optional());

const name = z.string().trim().min(1, 'Enter a name.').max(120, 'Keep it under 120 characters.');
const codename = z
  .string()
  .trim()
  .min(2, 'Enter a codename.')
  .max(60, 'Keep it under 60 characters.')
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'Letters, digits, spaces, dots, dashes only.');

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).email('Enter a valid email address.'),
  name,
  role: z.enum(USER_ROLES, { message: 'Choose a role.' }),
  clientAccountId: optionalId,
});

export const setDisabledSchema = z.object({
  userId: uuid,
  disabled: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export const createClientSchema = z.object({
  kind: z.enum(CLIENT_KINDS, { message: 'Choose talent or brand.' }),
  name,
  codename,
});

export const createProjectSchema = z.object({
  codename,
  clientAccountId: uuid,
  counterpartyAccountId: optionalId,
  startsOn: optionalDate,
  endsOn: optionalDate,
});

export const ndaVersionSchema = z.object({
  title: z.string().trim().min(3, 'Give the agreement a title.').max(120),
  body: z.string().trim().min(20, 'Paste the full agreement text.').max(100_000),
  /** Ticked: everyone bound by an earlier version signs again before their next read (unticked: a minor fix). */
  material: z
    .preprocess((v) => v ?? 'off', z.enum(['on', 'off'], { message: 'Tick it or leave it.' }))
    .transform((v) => v === 'on'),
});

/** An NDA version sent to one person to sign in the portal: all clients or one, with an optional expiry. */
export const sendNdaSchema = z.object({
  userId: uuid,
  ndaVersionId: uuid,
  clientAccountId: optionalId,
  expiresAt: optionalExpiry,
});

const scopeList = z
  .union([z.enum(SCOPES), z.array(z.enum(SCOPES)).max(SCOPES.length)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

export const grantMembershipSchema = z.object({
  projectId: uuid,
  userId: uuid,
  role: z.enum(MEMBERSHIP_ROLES, { message: 'Choose lead or member.' }),
  scopes: scopeList,
  expiresAt: optionalExpiry,
});

export const revokeMembershipSchema = z.object({ membershipId: uuid });

export const grantAllowlistSchema = z.object({
  itemId: uuid,
  userId: uuid,
  reason: z.string().trim().min(3, 'Say why this person needs it.').max(500),
  expiresAt: optionalExpiry,
});

export const revokeAllowlistSchema = z.object({ entryId: uuid });

export const auditFilterSchema = z.object({
  actorId: optionalId,
  projectId: optionalId,
  outcome: z.preprocess(emptyToUndefined, z.enum(AUDIT_OUTCOMES).optional()),
  before: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
});

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(10).max(200),
    password: z.string().min(12, 'Use at least 12 characters.').max(256, 'Keep it under 256 characters.'),
    confirmPassword: z.string(),
    ofAge: z.literal('on', { message: 'You must confirm you are 18 or older.' }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: 'The passwords do not match.',
    path: ['confirmPassword'],
  });
