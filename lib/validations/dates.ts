import { z } from 'zod';

/**
 * Days typed into date filters (`YYYY-MM-DD`, UTC). A sane range: every day the portal can hold an event
 * for, and nothing that turns into an impossible timestamp on the way to the database (year 0, year 10000
 * once a day is added to the end of a range).
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';

const RANGE_MESSAGE = `Use a date between ${FIRST_DAY} and ${LAST_DAY}.`;

/** A real calendar day: 2027-02-30 is not one, though Date.parse rolls it over into March. */
const isCalendarDay = (s: string) => {
  const time = Date.parse(`${s}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === s;
};

export const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31.')
  .refine(isCalendarDay, { message: 'Not a real date.', abort: true })
  .refine((s) => s >= FIRST_DAY && s <= LAST_DAY, RANGE_MESSAGE);

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The two fields of a date filter; either may be left empty. */
export const dateRangeFields = {
  from: z.preprocess(emptyToUndefined, day.optional()),
  to: z.preprocess(emptyToUndefined, day.optional()),
};

/** For `.refine(inOrder, dateOrderIssue)` on an object holding dateRangeFields: the range must not run backwards. */
export const inOrder = (v: { from?: string | undefined; to?: string | undefined }) =>
  !v.from || !v.to || v.from <= v.to;
export const dateOrderIssue = { message: 'The start date comes after the end date.', path: ['to'] };
