import 'server-only';
import { deliverPendingEmails } from '@/lib/dal/outbox/deliver-pending-emails';

/**
 * After an act that told people something has committed: send the queued emails when SMTP is configured
 * (otherwise they wait in the outbox). A delivery failure never undoes the act; it is retried next time.
 */
export async function sendQueuedEmails(): Promise<void> {
  try {
    await deliverPendingEmails();
  } catch (error) {
    console.error('Email delivery failed:', error instanceof Error ? error.name : 'unknown error');
  }
}
