/**
 * Dates for people (issue 10 item 2): readable in the reader's own time zone, the exact UTC time on hover and in
 * <time dateTime>. The server renders UTC; the browser renders its own zone after hydration.
 */
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatReadable, LocalTime } from '@/components/ui/local-time';

describe('LocalTime', () => {
  it('renders a readable time with the UTC ISO time in dateTime and on hover', () => {
    expect(renderToStaticMarkup(h(LocalTime, { at: '2026-11-30T17:40:12.000Z' }))).toBe(
      '<time dateTime="2026-11-30T17:40:12.000Z" title="2026-11-30T17:40:12.000Z">30 Nov 2026, 17:40</time>',
    );
  });

  it('formats in the zone it is given', () => {
    const at = new Date('2026-11-30T17:40:00Z');
    expect(formatReadable(at, 'America/New_York')).toBe('30 Nov 2026, 12:40');
    expect(formatReadable(new Date('2026-01-05T00:05:00Z'), 'Asia/Tokyo')).toBe('5 Jan 2026, 09:05');
  });
});
