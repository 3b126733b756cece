/** The texts of privacy-request emails. Plain text, no data beyond what the recipient already gave us. */
import { isoDay } from './clocks';
import { formatRequestRef, REQUEST_KIND_SHORT, type RequestKind } from './vocabulary';

type Ref = { ref: number; kind: RequestKind };
const head = (r: Ref) => `${formatRequestRef(r.ref)} · ${REQUEST_KIND_SHORT[r.kind]}`;

export const codeEmail = (r: Ref, code: string, link: string) => ({
  subject: `Your verification code for privacy request ${formatRequestRef(r.ref)}`,
  text: `Your code is ${code}\n\nEnter it at ${link} within 10 minutes. After three wrong tries it stops working and you can ask for a new one.\n\nIf you did not make a privacy request to MM Group, ignore this email: nothing happens without the code.\n\n${head(r)}`,
});

/**
 * To the person an agent acts for. It quotes nothing the agent typed (their name, message or permission): an
 * email must not carry a stranger's words to someone (issue 12, finding 4), and the link is our own page.
 */
export const subjectConfirmationEmail = (r: Ref, code: string, link: string) => ({
  subject: `A privacy request was made on your behalf: please confirm (${formatRequestRef(r.ref)})`,
  text: `Someone who says they are your authorized agent asked MM Group, on your behalf: ${REQUEST_KIND_SHORT[r.kind]}.\n\nIf you agree, confirm at ${link} with the code ${code} (valid 10 minutes, three tries). You can also choose whether your agent may receive your data; by default they do not.\n\nIf you did not authorize this, ignore this email and nothing will happen.`,
});

export const acknowledgementEmail = (r: Ref, dueOn: Date) => ({
  subject: `We received your privacy request ${formatRequestRef(r.ref)}`,
  text: `We have your request (${REQUEST_KIND_SHORT[r.kind]}) and will answer by ${isoDay(dueOn)} at the latest. If we need more time, which the law allows once, we will tell you why before that date.\n\n${head(r)}`,
});

export const extensionEmail = (r: Ref, dueOn: Date, reason: string) => ({
  subject: `More time needed for your privacy request ${formatRequestRef(r.ref)}`,
  text: `We need more time to complete your request, as the law allows once. The new date is ${isoDay(dueOn)}.\n\nWhy: ${reason}\n\n${head(r)}`,
});

export const refusalEmail = (r: Ref, reason: string) => ({
  subject: `Your privacy request ${formatRequestRef(r.ref)} was refused`,
  text: `We could not do what you asked.\n\nWhy: ${reason}\n\nYou may complain to your data protection authority; we would welcome the chance to put it right first.\n\n${head(r)}`,
});

export const completionEmail = (r: Ref, summary: string) => ({
  subject: `Your privacy request ${formatRequestRef(r.ref)} is complete`,
  text: `${summary}\n\n${head(r)}`,
});

export const exportEmail = (r: Ref, link: string, expiresAt: Date) => ({
  subject: `Your data from MM Group is ready (${formatRequestRef(r.ref)})`,
  text: `Download a copy of the data Clearance holds about you at ${link}\n\nThe link works once and expires on ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. The download is a ZIP file with a machine-readable JSON file and a readable HTML page.\n\n${head(r)}`,
});
