'use client';

import { useSyncExternalStore } from 'react';

/** The time zone dates are shown in: the browser's own; on the server (before hydration), UTC. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => 'UTC';
const noSubscription = () => () => {};

/** "30 Nov 2026, 17:40" in the given zone. */
export const formatReadable = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);

/**
 * A moment for people: readable ("30 Nov 2026, 17:40") in the reader's own time zone, with the exact UTC time on
 * hover (ISO 8601) and in the element's `dateTime`. The server renders it in UTC; the browser re-renders it in its
 * zone.
 */
export function LocalTime({ at }: { at: Date | string }) {
  const date = new Date(at);
  const zone = useSyncExternalStore(noSubscription, browserZone, serverZone);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatReadable(date, zone)}
    </time>
  );
}
