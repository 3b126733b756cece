import 'server-only';
import { clockFor, isoDay } from '@/lib/privacy/clocks';
import { jurisdictionOf, type RequestKind, type Residence } from '@/lib/privacy/vocabulary';

/** The clock columns of a new request, computed from its receipt (UTC). */
export function clockColumns(kind: RequestKind, residence: Residence, now: Date) {
  const jurisdiction = jurisdictionOf(residence);
  const clock = clockFor(kind, jurisdiction, now);
  return {
    jurisdiction,
    receivedAt: now,
    dueOn: isoDay(clock.dueOn),
    originalDueOn: isoDay(clock.dueOn),
    ackDueOn: clock.ackDueOn ? isoDay(clock.ackDueOn) : null,
  };
}
