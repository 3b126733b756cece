/**
 * The exact words of written authorizations (docs/product.md §5). A client signs these texts verbatim; their SHA-256 is
 * kept with the record, so every function here must be deterministic in its inputs.
 */

import type { AuthorizationKind, PublicUseKind } from '../vocabulary';

export { AUTHORIZATION_KINDS, PUBLIC_USE_KINDS, type AuthorizationKind, type PublicUseKind } from '../vocabulary';

export const KIND_LABELS: Record<AuthorizationKind, string> = {
  portfolio_use: 'Portfolio use',
  case_study: 'Case study',
  testimonial: 'Testimonial',
  public_reference: 'Public reference',
  zero_public_association: 'Zero public association',
};

const USES: Record<PublicUseKind, string> = {
  portfolio_use: 'show the engagement in its public portfolio',
  case_study: 'publish a case study of the engagement',
  testimonial: 'publish a testimonial about the engagement',
  public_reference: 'name the engagement as a public reference',
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export type RequestTextInput = {
  kind: PublicUseKind;
  clientName: string;
  projectCodename: string;
  publicTitle: string;
  publicSummary: string;
  expiresAt: Date | null;
};

/** The permission a client is asked to sign: what may be published, under which title and summary, until when. */
export function authorizationRequestText(input: RequestTextInput): string {
  return [
    `Written authorization: ${KIND_LABELS[input.kind]}`,
    '',
    `I, on behalf of ${input.clientName}, authorize MM Group to ${USES[input.kind]} "${input.projectCodename}",`,
    `under exactly this public title: "${input.publicTitle}"`,
    `and with exactly this public summary: "${input.publicSummary}".`,
    'Nothing else about the engagement may be published: no other names, terms, content or data.',
    input.expiresAt
      ? `This authorization ends on ${day(input.expiresAt)} unless I revoke it earlier.`
      : 'This authorization lasts until I revoke it.',
    'I may revoke it at any time; revocation takes effect at once.',
  ].join('\n');
}

/** The demand of zero public association, signed by a member of the client account. */
export function zeroAssociationText(clientName: string, signerName: string): string {
  return [
    'Demand of zero public association',
    '',
    `I, ${signerName}, on behalf of ${clientName}, demand that MM Group make no public association with ${clientName}:`,
    'no portfolio entry, case study, testimonial or public reference, no mention on any public page, in any export',
    'for third parties or in any list visible to people outside my projects. Every existing public use ends now.',
    'This demand holds until I withdraw it in writing.',
  ].join('\n');
}

/** Ending a signed record: a new record, never a change to the old one. */
export function revocationText(
  kind: AuthorizationKind,
  clientName: string,
  signerName: string,
  signedOn: Date,
): string {
  const what =
    kind === 'zero_public_association'
      ? 'my demand of zero public association'
      : `the ${KIND_LABELS[kind].toLowerCase()} authorization`;
  return `I, ${signerName}, on behalf of ${clientName}, revoke ${what} signed on ${day(signedOn)}, with effect now.`;
}

/** A typed signature matches the signer's account name whatever the case and spacing. */
export const matchesSignerName = (typed: string, name: string) => {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return name.length > 0 && norm(typed) === norm(name);
};
