import { z } from 'zod';
import {
  COUNTRIES,
  DATA_CATEGORIES,
  HOME_JURISDICTION_LABEL,
  INSTRUMENTS,
  isAbroad,
  LAWFUL_BASES,
  RECIPIENT_KINDS,
  TRANSFER_SAFEGUARDS,
} from '@/lib/disclosures/vocabulary';
import { day } from './dates';
import { uuid } from './ids';

const empty = (v: unknown) => (v === '' || v === null ? undefined : v);
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const countryCodes = new Set(COUNTRIES.map((c) => c.code));

/** "3, 7 #12" → [3, 7, 12]: item reference numbers as the register's form takes them. */
const itemRefs = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/[\s,;]+/)
          .map((s) => s.replace(/^#/, ''))
          .filter(Boolean)
      : [],
  z
    .array(
      z.coerce
        .number({ message: 'Item references are numbers, like 3 or #3.' })
        .int('Item references are whole numbers.')
        .positive('Item references are positive.'),
    )
    .max(50, 'At most 50 items per record.'),
);

/**
 * Recording a disclosure (issue 15 points 1-2). Across fields: a recipient abroad needs a transfer safeguard; an
 * authority needs an instrument; an instrument needs its reference; only a legal disclosure can be gagged, and a
 * gag's end date is in the future.
 */
export const recordDisclosureSchema = z
  .object({
    clientAccountId: uuid,
    projectId: z.preprocess(empty, uuid.optional()),
    recipientKind: z.enum(RECIPIENT_KINDS, { message: 'Choose the kind of recipient.' }),
    recipientName: z.string().trim().min(1, 'Name the recipient.').max(200, 'At most 200 characters.'),
    country: z.preprocess(
      empty,
      z
        .string()
        .refine((c) => countryCodes.has(c), 'Choose a country from the list.')
        .optional(),
    ),
    dataCategories: z.preprocess(
      list,
      z.array(z.enum(DATA_CATEGORIES, { message: 'Not a data category.' })).min(1, 'Choose at least one kind of data.'),
    ),
    itemRefs,
    purpose: z.string().trim().min(1, 'Say why the data was disclosed.').max(1000, 'At most 1,000 characters.'),
    lawfulBasis: z.enum(LAWFUL_BASES, { message: 'Choose the lawful basis.' }),
    transferSafeguard: z.preprocess(empty, z.enum(TRANSFER_SAFEGUARDS, { message: 'Not a safeguard.' }).optional()),
    instrument: z.preprocess(empty, z.enum(INSTRUMENTS, { message: 'Not an instrument.' }).optional()),
    instrumentReference: z.preprocess(empty, z.string().trim().min(1).max(200, 'At most 200 characters.').optional()),
    gagged: z.preprocess(
      empty,
      z.enum(['no', 'yes'], { message: 'Say whether the law forbids telling the person.' }).default('no'),
    ),
    gagUntil: z.preprocess(empty, day.optional()),
    disclosedOn: z.preprocess(empty, day.optional()),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (isAbroad(v.country ?? null) && !v.transferSafeguard)
      issue('transferSafeguard', `Outside ${HOME_JURISDICTION_LABEL}: name the transfer safeguard.`);
    if (v.recipientKind === 'authority' && !v.instrument)
      issue('instrument', 'A disclosure to an authority names its instrument.');
    if (v.instrument && !v.instrumentReference) issue('instrumentReference', 'Give the instrument’s reference.');
    if (!v.instrument && v.instrumentReference) issue('instrument', 'Choose the instrument this reference belongs to.');
    if (v.gagged === 'yes' && !v.instrument) issue('gagged', 'Only a legal disclosure can be kept from the person.');
    if (v.gagged !== 'yes' && v.gagUntil) issue('gagUntil', 'Only a gagged disclosure has a gag end date.');
    if (v.gagUntil && v.gagUntil <= new Date().toISOString().slice(0, 10))
      issue('gagUntil', 'The gag ends on a future date.');
    if (v.disclosedOn && v.disclosedOn > new Date().toISOString().slice(0, 10))
      issue('disclosedOn', 'A disclosure already happened: not a future date.');
  });

export const liftGagSchema = z.object({ disclosureId: uuid });

/** The register's filters (query string). */
export const disclosureFiltersSchema = z.object({
  kind: z.preprocess(empty, z.enum(RECIPIENT_KINDS).optional()).catch(undefined),
  clientAccountId: z.preprocess(empty, uuid.optional()).catch(undefined),
  state: z.preprocess(empty, z.enum(['legal', 'withheld']).optional()).catch(undefined),
});
