/** Event times in their own time zone (lib/events/zoned.ts), across daylight saving, without a date library. */
import { describe, expect, it } from 'vitest';
import { zonedInstant, zonedParts } from '@/lib/events/zoned';
import { createEventSchema } from '@/lib/validations/events';

describe('zoned event times', () => {
  it.each([
    ['2026-07-01', '19:30', 'Europe/London', '2026-07-01T18:30:00.000Z'],
    ['2026-12-01', '19:30', 'Europe/London', '2026-12-01T19:30:00.000Z'],
    ['2026-03-29', '03:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', '12:00', 'America/New_York', '2026-10-25T16:00:00.000Z'],
    ['2026-06-01', '00:00', 'UTC', '2026-06-01T00:00:00.000Z'],
    ['2026-06-01', '09:00', 'Asia/Kolkata', '2026-06-01T03:30:00.000Z'],
  ])('%s %s in %s is %s, and back', (date, time, zone, iso) => {
    const instant = zonedInstant(date, time, zone);
    expect(instant.toISOString()).toBe(iso);
    expect(zonedParts(instant, zone)).toEqual({ date, time });
  });

  it('the form accepts only real time zones and times', () => {
    const base = {
      projectId: '00000000-0000-4000-8000-000000000000',
      name: 'Launch',
      date: '2026-07-01',
      time: '19:30',
      timeZone: ' Europe/London ',
      publicDescription: 'Drinks.',
    };
    expect(createEventSchema.safeParse(base).success).toBe(true);
    expect(createEventSchema.safeParse({ ...base, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(createEventSchema.safeParse({ ...base, time: '24:00' }).success).toBe(false);
    expect(createEventSchema.safeParse({ ...base, needsRetentionDays: '-1' }).success).toBe(false);
    expect(createEventSchema.parse(base).needsRetentionDays).toBe(30);
  });
});
