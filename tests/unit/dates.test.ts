import { describe, expect, it } from 'vitest';
import { historyFilterSchema } from '@/lib/validations/client';
import { day } from '@/lib/validations/dates';

const message = (value: string) => {
  const result = day.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe('a day in a date filter', () => {
  it('accepts real days from 2000-01-01 to 2100-12-31', () => {
    for (const value of ['2000-01-01', '2026-11-30', '2028-02-29', '2100-12-31'])
      expect(message(value), value).toBeNull();
  });

  it('refuses days a timestamp cannot hold or the portal never had, with a message that says the range', () => {
    for (const value of ['9999-12-31', '0000-01-01', '1999-12-31', '2101-01-01']) {
      expect(message(value), value).toBe('Use a date between 2000-01-01 and 2100-12-31.');
    }
  });

  it('refuses days that are not on the calendar, and anything that is not a day', () => {
    for (const value of ['2027-02-30', '2027-02-29', '2026-13-01', '0000-00-00'])
      expect(message(value), value).toBe('Not a real date.');
    for (const value of ['yesterday', '2027-1-1', '', "2026-01-01' or 1=1 --", '+010000-01-01']) {
      expect(message(value), value).toBe('Use a date like 2027-01-31.');
    }
  });
});

describe('the client history filter', () => {
  const filter = (from: string, to: string) => historyFilterSchema.safeParse({ projectId: '', personId: '', from, to });

  it('takes empty dates as no limit and a range in order', () => {
    expect(filter('', '').success).toBe(true);
    expect(filter('2026-01-01', '2026-01-31').data).toEqual({ from: '2026-01-01', to: '2026-01-31' });
  });

  it('refuses the dates that crashed the page (issue 12, finding 7) and a range that runs backwards', () => {
    expect(filter('', '9999-12-31').success).toBe(false);
    expect(filter('0000-01-01', '').success).toBe(false);
    expect(filter('2026-02-01', '2026-01-01').error?.issues[0]?.message).toBe(
      'The start date comes after the end date.',
    );
  });
});
