import { AUDIT_CATALOGUE, isAuditAction, type Words } from './catalogue';
import { reasonPhrase } from './reasons';

/**
 * How an audit event reads to a person (the admin log, a client's access history, their CSV exports), from the
 * catalogue's words. Safe for client components.
 */

export type Outcome = 'allowed' | 'denied';

/** Words for a code no longer written (an older version's event): neutral, never a crash. */
const unknownWords = (action: string): Words => ({
  done: `Recorded “${action}” for`,
  attempt: `do “${action}” for`,
  object: true,
});

const wordsOf = (action: string): Words =>
  isAuditAction(action) ? AUDIT_CATALOGUE[action].words : unknownWords(action);

/**
 * What was done, without what it concerns: "Read", "Granted project access to" — or, refused, "Tried to read",
 * "Tried to grant project access to".
 */
export function auditLabel(action: string, outcome: Outcome): string {
  const words = wordsOf(action);
  return outcome === 'denied' ? `Tried to ${words.attempt}` : words.done;
}

export type SentenceParts = {
  action: string;
  outcome: Outcome;
  reason: string | null;
  /** What the event concerns, as the page names it ("Deal terms item #3", "Finn Contractor (Contractor)"). */
  about: string | null;
};

/**
 * The whole sentence: "Granted project access to Finn (Contractor)"; refused, "Tried to grant project access to Finn
 * (Contractor) — refused: contractor access needs an end date". An allowed act's reason is its author's words.
 */
export function auditSentence({ action, outcome, reason, about }: SentenceParts): string {
  const words = wordsOf(action);
  const what = words.object && about ? ` ${about}` : '';
  // An allowed act may carry the reason its author gave (a reveal, a decision): their own words.
  if (outcome === 'allowed') return `${words.done}${what}${reason ? ` — reason given: ${reason}` : ''}`;
  return `Tried to ${words.attempt}${what} — refused${reason ? `: ${reasonPhrase(reason)}` : ''}`;
}

export { reasonPhrase } from './reasons';
