/** The legal clocks of rights requests (lib/privacy/clocks.ts): month ends, leap years, weekends, business days, extensions. */
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addMonths,
  clockFor,
  extendClock,
  isoDay,
  nextWorkingDay,
  parseDay,
  retentionCutoff,
  urgencyOf,
  type ExtensionInput,
} from '@/lib/privacy/clocks';

const at = (iso: string) => new Date(iso);
const day = (d: Date) => isoDay(d);

describe('calendar months', () => {
  it.each([
    ['2027-01-31', '2027-02-28'], // no 31 February: the end of the month
    ['2028-01-31', '2028-02-29'], // leap year
    ['2028-01-30', '2028-02-29'],
    ['2027-01-28', '2027-02-28'],
    ['2027-03-31', '2027-04-30'],
    ['2027-12-31', '2028-01-31'], // across the year
    ['2027-08-15', '2027-09-15'],
  ])('%s + 1 month = %s', (from, to) => {
    expect(day(addMonths(parseDay(from), 1))).toBe(to);
  });

  it('29 February + 12 months is 28 February of a common year', () => {
    expect(day(addMonths(parseDay('2028-02-29'), 12))).toBe('2029-02-28');
  });
});

describe('working days', () => {
  it('a weekend moves to the next Monday; a working day stays', () => {
    expect(day(nextWorkingDay(parseDay('2027-02-27')))).toBe('2027-03-01'); // Saturday
    expect(day(nextWorkingDay(parseDay('2027-02-28')))).toBe('2027-03-01'); // Sunday
    expect(day(nextWorkingDay(parseDay('2027-03-02')))).toBe('2027-03-02'); // Tuesday
  });

  it('business days skip weekends, counting from the next working day', () => {
    expect(day(addBusinessDays(parseDay('2027-03-01'), 10))).toBe('2027-03-15'); // Monday → Monday two weeks on
    expect(day(addBusinessDays(parseDay('2027-03-05'), 1))).toBe('2027-03-08'); // Friday → Monday
    expect(day(addBusinessDays(parseDay('2027-03-06'), 10))).toBe('2027-03-19'); // Saturday → Friday of the next week
    expect(day(addBusinessDays(parseDay('2027-03-01'), 15))).toBe('2027-03-22');
  });
});

describe('GDPR: one calendar month, off the weekend', () => {
  it('31 January → end of February (28th, a Sunday in 2027 → Monday 1 March)', () => {
    const clock = clockFor('access', 'gdpr', at('2027-01-31T23:30:00Z'));
    expect(day(clock.dueOn)).toBe('2027-03-01');
    expect(clock.ackDueOn).toBeNull();
  });

  it('31 January of a leap year → 29 February (a Tuesday in 2028)', () => {
    expect(day(clockFor('deletion', 'gdpr', at('2028-01-31T08:00:00Z')).dueOn)).toBe('2028-02-29');
  });

  it('received late in the evening UTC counts on its UTC day', () => {
    expect(day(clockFor('access', 'gdpr', at('2027-03-10T23:59:59Z')).dueOn)).toBe('2027-04-12'); // 10 April is a Saturday
  });

  it('"other" jurisdictions get the same one-month clock', () => {
    expect(day(clockFor('correction', 'other', at('2027-06-15T12:00:00Z')).dueOn)).toBe('2027-07-15');
  });
});

describe('California', () => {
  it('know/delete/correct: 45 days, acknowledgement within 10 business days', () => {
    const clock = clockFor('deletion', 'california', at('2027-03-01T10:00:00Z'));
    expect(day(clock.dueOn)).toBe('2027-04-15');
    expect(day(clock.ackDueOn!)).toBe('2027-03-15');
  });

  it('opt-out and limit-sensitive: 15 business days, any jurisdiction', () => {
    expect(day(clockFor('opt_out_sale_sharing', 'california', at('2027-03-01T10:00:00Z')).dueOn)).toBe('2027-03-22');
    expect(day(clockFor('limit_sensitive', 'gdpr', at('2027-03-01T10:00:00Z')).dueOn)).toBe('2027-03-22');
  });
});

describe('extensions: once, before the due date, with a reason', () => {
  const gdpr: ExtensionInput = {
    kind: 'access',
    jurisdiction: 'gdpr',
    receivedAt: at('2027-01-31T09:00:00Z'),
    dueOn: parseDay('2027-03-01'),
    alreadyExtended: false,
    reason: 'Many records across several projects',
    now: at('2027-02-20T09:00:00Z'),
  };

  it('GDPR: two further months (three from receipt), off the weekend', () => {
    const result = extendClock(gdpr);
    expect(result.ok && day(result.dueOn)).toBe('2027-04-30'); // 31 April does not exist → 30 April, a Friday
  });

  it('California: 45 more days', () => {
    const result = extendClock({
      ...gdpr,
      jurisdiction: 'california',
      receivedAt: at('2027-03-01T00:00:00Z'),
      dueOn: parseDay('2027-04-15'),
      now: at('2027-04-01T00:00:00Z'),
    });
    expect(result.ok && day(result.dueOn)).toBe('2027-05-30');
  });

  it('allowed on the due day itself, refused the day after', () => {
    expect(extendClock({ ...gdpr, now: at('2027-03-01T22:00:00Z') }).ok).toBe(true);
    expect(extendClock({ ...gdpr, now: at('2027-03-02T00:00:01Z') })).toEqual({ ok: false, refusal: 'past_due' });
  });

  it('refused a second time, without a reason, or for opt-outs', () => {
    expect(extendClock({ ...gdpr, alreadyExtended: true })).toEqual({ ok: false, refusal: 'already_extended' });
    expect(extendClock({ ...gdpr, reason: '   ' })).toEqual({ ok: false, refusal: 'no_reason' });
    expect(extendClock({ ...gdpr, kind: 'opt_out_sale_sharing' })).toEqual({ ok: false, refusal: 'not_extendable' });
  });
});

describe('urgency and retention cutoffs', () => {
  it('overdue after the due day, due soon within 7 days', () => {
    const due = parseDay('2027-03-10');
    expect(urgencyOf(due, at('2027-03-11T00:00:00Z'))).toBe('overdue');
    expect(urgencyOf(due, at('2027-03-10T23:00:00Z'))).toBe('due_soon');
    expect(urgencyOf(due, at('2027-03-03T00:00:00Z'))).toBe('due_soon');
    expect(urgencyOf(due, at('2027-03-02T00:00:00Z'))).toBe('on_track');
  });

  it('cutoffs count back calendar days, months and years', () => {
    const now = at('2030-03-01T12:00:00Z');
    expect(day(retentionCutoff(now, 365, 'days'))).toBe('2029-03-01');
    expect(day(retentionCutoff(now, 3, 'years'))).toBe('2027-03-01');
    expect(day(retentionCutoff(at('2028-02-29T00:00:00Z'), 1, 'years'))).toBe('2027-02-28');
    expect(day(retentionCutoff(now, 1, 'months'))).toBe('2030-02-01');
  });
});
