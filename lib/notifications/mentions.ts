/*
 * People named in messages, by reference (issue 12, finding 10). A message stores a token per person it names
 * and the list of their ids; the name is filled in whenever the message is read or sent. Erasing a person then
 * changes only their account row, and no one else's text is ever searched for a name (a name that is a common
 * word, "Will", would otherwise corrupt "… will be reviewed …").
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = new RegExp(`\\{\\{person:(${UUID})\\}\\}`, 'g');

/** The placeholder a message holds where it names a person. */
export const mentionToken = (userId: string): string => `{{person:${userId.toLowerCase()}}}`;

/** What a reader is shown for a person the message names. */
export type MentionName = (userId: string) => string;

/** Someone whose account no longer exists (never expected: accounts are de-identified, not deleted). */
export const UNKNOWN_PERSON = 'Someone';

/**
 * The text with each named person filled in. Only the ids the message itself recorded are filled in: a token
 * someone typed into a free-text field (a reason) for anyone else stays as typed, so it reveals no name.
 */
export function renderMentions(text: string, people: readonly string[], nameOf: MentionName): string {
  if (people.length === 0 || !text.includes('{{person:')) return text;
  const known = new Set(people.map((id) => id.toLowerCase()));
  return text.replace(TOKEN, (token, id: string) => (known.has(id) ? nameOf(id) : token));
}
