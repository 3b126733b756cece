import { z } from 'zod';
import { day } from './dates';
import { uuid } from './ids';

/** Events, guest lists and RSVPs (issue 14): one schema per form, shared by the forms and their actions. */

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('')])
  .optional()
  .transform((v) => v === 'on' || v === 'true');

/** Every IANA time zone this runtime knows (UTC included), so a form can only name a real one. */
export const TIME_ZONES = [...new Set(['UTC', 'Europe/London', ...Intl.supportedValuesOf('timeZone')])] as [
  string,
  ...string[],
];

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${label} under ${max.toLocaleString('en')} characters.`)
    .optional()
    .transform((v) => v ?? '');

const eventFields = {
  name: z.string().trim().min(1, 'Give the event a name.').max(200, 'Keep the name under 200 characters.'),
  date: day,
  time: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 19:30.'),
  timeZone: z
    .string()
    .trim()
    .pipe(z.enum(TIME_ZONES, { message: 'Use a time zone like Europe/London.' })),
  publicDescription: z
    .string()
    .trim()
    .min(1, 'Write what guests read on their invitation.')
    .max(4_000, 'Keep the description under 4,000 characters.'),
  venue: optionalText(2_000, 'the venue'),
  access: optionalText(4_000, 'the access details'),
  security: optionalText(4_000, 'the security arrangements'),
  needsRetentionDays: z.coerce
    .number({ message: 'Use a number of days.' })
    .int('Use a whole number of days.')
    .min(0, 'Use 0 to 3650 days.')
    .max(3650, 'Use 0 to 3650 days.')
    .default(30),
};

export const createEventSchema = z.object({ projectId: uuid, ...eventFields });
export const updateEventSchema = z.object({ eventId: uuid, ...eventFields });

export const inviteGuestSchema = z.object({
  eventId: uuid,
  name: z.string().trim().min(1, 'Give the guest’s name.').max(200, 'Keep the name under 200 characters.'),
  email: z.email('Use an email address like name@example.com.').max(320),
  plusOnes: z.coerce
    .number({ message: 'Use a number.' })
    .int('Use a whole number.')
    .min(0, 'Use 0 to 20.')
    .max(20, 'Use 0 to 20.')
    .default(0),
});

export const checkInGuestSchema = z.object({ guestId: uuid });

/** The public RSVP page: the token is the guest's link, never shown back. */
const rsvpToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid.');

export const answerRsvpSchema = z.object({
  token: rsvpToken,
  answer: z.enum(['accept', 'decline'], { message: 'Choose whether you will come.' }),
});

export const giveNeedsSchema = z.object({
  token: rsvpToken,
  dietary: optionalText(1_000, 'dietary needs'),
  accessibility: optionalText(1_000, 'accessibility needs'),
  consent: checkbox,
});

export const withdrawNeedsSchema = z.object({ token: rsvpToken });

/** The event allowlist screen (issue 14). */
export const grantEventAccessSchema = z.object({
  eventId: uuid,
  userId: z.uuid({ message: 'Choose a person.' }),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why they need the venue and guests’ needs (at least 3 characters).')
    .max(500, 'Keep the reason under 500 characters.'),
});
export const revokeEventAccessSchema = z.object({ eventId: uuid, entryId: uuid });
export const decideEventAccessSchema = z.object({
  eventId: uuid,
  entryId: uuid,
  decision: z.enum(['approve', 'refuse']),
});
