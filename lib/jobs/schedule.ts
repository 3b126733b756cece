import cronParser from 'cron-parser';

/* Cron arithmetic shared by both runners and the admin page (UTC, the same parser pg-boss uses). */

export function nextRun(cron: string, after: Date = new Date()): Date {
  return cronParser.parseExpression(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}

export function previousTick(cron: string, at: Date = new Date()): Date {
  return cronParser.parseExpression(cron, { currentDate: at, tz: 'UTC' }).prev().toDate();
}

/**
 * A job missed a tick while no instance was up: it has run before (a fresh install waits for its first tick),
 * and its last run started before the latest tick. The runners then run it once at start.
 */
export function missedTick(cron: string, lastStarted: Date | null, now: Date = new Date()): Date | null {
  if (!lastStarted) return null;
  const tick = previousTick(cron, now);
  return lastStarted < tick ? tick : null;
}
