/**
 * What a requester is told when their rights request is about data the agency holds as processor (issue 15 point 5):
 * to contact the controller, named only when that client allows public association. A client under zero public
 * association is never named, not even to the requester: they are told we passed the request on, and the client (who
 * receives the requester's contact details) answers them.
 */
import { formatRequestRef, REQUEST_KIND_SHORT, type RequestKind } from './vocabulary';

export function routingMessage(controllerPublicName: string | null): string {
  return controllerPublicName
    ? `We hold the data your request is about on behalf of ${controllerPublicName}, who decides how it is used (the controller); we act only on their instructions. Please contact ${controllerPublicName} about your request. We have told them of it.`
    : 'We hold the data your request is about on behalf of one of our clients, who decides how it is used (the controller); we act only on their instructions. That client has asked not to be publicly associated with us, so we cannot name them here: we have passed your request to them, with your contact details, and they will answer you.';
}

export const routingEmail = (r: { ref: number; kind: RequestKind }, controllerPublicName: string | null) => ({
  subject: `Your privacy request ${formatRequestRef(r.ref)} goes to the controller`,
  text: `${routingMessage(controllerPublicName)}\n\n${formatRequestRef(r.ref)} · ${REQUEST_KIND_SHORT[r.kind]}`,
});
