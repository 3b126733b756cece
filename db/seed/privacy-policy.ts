/** The first privacy-policy version of the demo world: Clearance's own words for what the seed policies require. */

export const FIRST_POLICY_TITLE = 'MM Group privacy policy';

export const FIRST_POLICY_SUMMARY = 'First published version of the policy for the Clearance portal.';

export const FIRST_POLICY_BODY = `MM Group represents talent and works with brands. This policy explains what we hold about the people we work with, why, who sees it, how long we keep it, and how you can use your rights. Where a signed agreement with us protects you more, the agreement wins.

## What we hold

- **Who you are and how to reach you**: name, business email, role, the client account you represent.
- **Engagement records**: deal terms, schedules and logistics, creative material, call notes, and account access you chose to hand over.
- **Records of trust**: confidentiality agreements, written permissions you signed or refused, and your privacy choices.
- **Security records**: sign-ins, and a log of every access to client information.

We do not ask for sensitive personal information. If you give us some (for example a safety concern), we treat it as high-risk.

## How we keep client information confidential

- **Need to know.** People inside MM Group see a client's information only when they work on that client's project, only the kinds of information their role needs, and only after signing a confidentiality agreement.
- **High-risk logistics** (travel, locations, security arrangements) are limited to a short named list, which the client can see and, if they wish, must approve.
- **A log you can see.** Every time someone opens client information, we record who, what and when. Clients can see who can see their data, and who did.
- **No public use without permission.** We never show a client's work publicly without their signed written permission, and a client may ask never to be associated with us in public at all.

## Cookies

We use four kinds of cookies:

- **Strictly necessary**: keep you signed in, protect forms and remember your cookie choices. These are always on.
- **Performance and analytics**: help us see which pages are used.
- **Functionality**: remember preferences on your device.
- **Marketing**: measure our own campaigns.

Only strictly necessary cookies are on until you choose otherwise, and nothing optional is set or loaded before you do. Refusing is as easy as accepting, and the **Privacy choices** link at the bottom of every page lets you change your mind. If your browser sends the **Global Privacy Control** signal, we treat it as a request to opt out, and we keep treating it so even if the signal later stops.

We do not sell personal information and we do not share it for cross-site advertising.

## How long we keep information

- **Business contacts**: three years after our last contact.
- **Contract records** (deal terms): five years after the contract ends.
- **Project content**: one year after the project closes.
- **Privacy requests never verified**: thirty days.

Signed agreements and permissions, and the security log, are kept as evidence for as long as claims are possible. When a legal hold applies to a client or a project, nothing covered by it is deleted until the hold ends. After these periods we delete records or remove everything that identifies you.

## Your rights

Depending on where you live, you can ask us to:

- give you a copy of your data, also in a portable format;
- correct it, or delete it;
- restrict how we use it, or object to how we use it;
- withdraw consent you gave;
- opt out of any sale or sharing, and limit the use of sensitive data.

Ask through the [privacy request form](/privacy/request), or from your account if you have one. We check that a request comes from you with a code sent to your email (or your password, if you are signed in). Someone may ask for you as your authorized agent with your signed permission; we then ask you to confirm, and we send your data only to you unless you tell us otherwise.

We answer within the time the law gives: one month for people in the EEA, the United Kingdom and Switzerland (three months in all for complex requests, and we tell you why), and 45 days in California (90 in all when needed), with opt-outs handled within 15 business days. We never treat you differently for using your rights.

## Complaints

Tell us first and we will try to put it right. You can also complain to the data protection authority where you live.

## Children

Our services are not meant for children. Accounts are by invitation only, and whoever accepts one confirms they are of age.

## Changes to this policy

When this policy changes, the new version appears here with its date, and earlier versions stay available below it. If a change matters to how we use your data, we ask you to acknowledge it the next time you sign in.
`;
