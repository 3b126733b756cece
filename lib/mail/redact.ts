/**
 * What an email keeps in the database once it is sent (lib/dal/outbox.ts): nothing that can be replayed. Links
 * (reset, invitation, export, privacy request pages) and one-time codes (the six digits of a verification code) are
 * removed; the rest stays as the record of what was said.
 */
export const LINK_REMOVED = '[link removed after sending]';
export const CODE_REMOVED = '[code removed after sending]';

export const redactSentEmail = (text: string): string =>
  text.replace(/https?:\/\/\S+/g, LINK_REMOVED).replace(/(?<![\w-])\d{6}(?![\w-])/g, CODE_REMOVED);
