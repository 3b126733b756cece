/**
 * The legal clocks of rights requests (issue 6), as pure functions over UTC calendar days. A "day" here is a
 * Date at 00:00 UTC; receipt times are reduced to their UTC day first.
 *
 * - GDPR / UK GDPR (and "other", which gets the same, stricter clock): one calendar month from receipt (a day
 *   missing from the target month means its last day: 31 January → end of February), moved off a weekend to the
 *   next working day; extendable once by two further months.
 * - California know/delete/correct: 45 calendar days, acknowledgement within 10 business days; extendable once by
 *   45 days. Opt-out of sale/sharing and limit-sensitive: 15 business days, no extension.
 *
 * Public holidays are not modelled: only Saturdays and Sundays are non-working days.
 */
import type { PeriodUnit } from '../vocabulary';
import type { Jurisdiction, RequestKind } from './vocabulary';

const DAY_MS = 86_400_000;

export const utcDay = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
export const isoDay = (d: Date): string => utcDay(d).toISOString().slice(0, 10);
export const parseDay = (s: string): Date => new Date(`${s}T00:00:00.000Z`);

export const addDays = (d: Date, n: number): Date => new Date(utcDay(d).getTime() + n * DAY_MS);

/** Calendar months; a day the target month lacks becomes its last day (31 Jan + 1 → 28 or 29 Feb). */
export function addMonths(d: Date, n: number): Date {
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)));
}

export const addYears = (d: Date, n: number): Date => addMonths(d, 12 * n);

export const isWeekend = (d: Date): boolean => d.getUTCDay() === 0 || d.getUTCDay() === 6;

export function nextWorkingDay(d: Date): Date {
  let day = utcDay(d);
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
}

/** n business days after d: the first counted day is the first working day after d. */
export function addBusinessDays(d: Date, n: number): Date {
  let day = utcDay(d);
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (!isWeekend(day)) left -= 1;
  }
  return day;
}

/** Whole days from a to b (b later is positive). */
export const daysBetween = (a: Date, b: Date): number =>
  Math.round((utcDay(b).getTime() - utcDay(a).getTime()) / DAY_MS);

export type ClockRule = 'gdpr_month' | 'ccpa_45_days' | 'ccpa_15_business_days';

const CCPA_ACKNOWLEDGED: readonly RequestKind[] = ['access', 'portability', 'deletion', 'correction'];

export function clockRule(kind: RequestKind, jurisdiction: Jurisdiction): ClockRule {
  if (kind === 'opt_out_sale_sharing' || kind === 'limit_sensitive') return 'ccpa_15_business_days';
  return jurisdiction === 'california' ? 'ccpa_45_days' : 'gdpr_month';
}

export const CLOCK_RULE_LABELS: Record<ClockRule, string> = {
  gdpr_month: 'One calendar month (next working day), extendable once by two months',
  ccpa_45_days: '45 days, acknowledged within 10 business days, extendable once by 45 days',
  ccpa_15_business_days: '15 business days, no extension',
};

export type Clock = { rule: ClockRule; dueOn: Date; ackDueOn: Date | null };

export function clockFor(kind: RequestKind, jurisdiction: Jurisdiction, receivedAt: Date): Clock {
  const received = utcDay(receivedAt);
  const rule = clockRule(kind, jurisdiction);
  switch (rule) {
    case 'gdpr_month':
      return { rule, dueOn: nextWorkingDay(addMonths(received, 1)), ackDueOn: null };
    case 'ccpa_45_days':
      return {
        rule,
        dueOn: addDays(received, 45),
        ackDueOn: CCPA_ACKNOWLEDGED.includes(kind) ? addBusinessDays(received, 10) : null,
      };
    case 'ccpa_15_business_days':
      return { rule, dueOn: addBusinessDays(received, 15), ackDueOn: null };
  }
}

export type ExtensionInput = {
  kind: RequestKind;
  jurisdiction: Jurisdiction;
  receivedAt: Date;
  dueOn: Date;
  alreadyExtended: boolean;
  reason: string;
  now: Date;
};

export type ExtensionRefusal = 'no_reason' | 'already_extended' | 'past_due' | 'not_extendable';
export type ExtensionResult = { ok: true; dueOn: Date } | { ok: false; refusal: ExtensionRefusal };

export const EXTENSION_REFUSALS: Record<ExtensionRefusal, string> = {
  no_reason: 'An extension needs a reason the requester will be told.',
  already_extended: 'This request has already been extended once; it cannot be extended again.',
  past_due: 'The due date has passed: a request can only be extended before it is due.',
  not_extendable: 'The law allows no extension for this kind of request.',
};

/** Once, only up to and including the due day, only with a reason. */
export function extendClock(input: ExtensionInput): ExtensionResult {
  if (input.reason.trim().length === 0) return { ok: false, refusal: 'no_reason' };
  if (input.alreadyExtended) return { ok: false, refusal: 'already_extended' };
  if (utcDay(input.now) > utcDay(input.dueOn)) return { ok: false, refusal: 'past_due' };
  switch (clockRule(input.kind, input.jurisdiction)) {
    case 'gdpr_month':
      // Two further months on top of the first: three months from receipt, off the weekend.
      return { ok: true, dueOn: nextWorkingDay(addMonths(utcDay(input.receivedAt), 3)) };
    case 'ccpa_45_days':
      return { ok: true, dueOn: addDays(input.dueOn, 45) };
    case 'ccpa_15_business_days':
      return { ok: false, refusal: 'not_extendable' };
  }
}

export type Urgency = 'overdue' | 'due_soon' | 'on_track';

/** Overdue after the due day; due soon within the next 7 days (the due day included). */
export function urgencyOf(dueOn: Date, now: Date): Urgency {
  const left = daysBetween(now, dueOn);
  if (left < 0) return 'overdue';
  return left <= 7 ? 'due_soon' : 'on_track';
}

/** A retention cutoff: records whose reference date is before it are past the period. */
export function retentionCutoff(now: Date, value: number, unit: PeriodUnit): Date {
  const today = utcDay(now);
  if (unit === 'days') return addDays(today, -value);
  return addMonths(today, unit === 'months' ? -value : -12 * value);
}
