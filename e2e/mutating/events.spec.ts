import { expect, test, type Browser, type Page } from '@playwright/test';
import { confirmInDialog } from '../confirm';
import { demoUser, signedInContext, visit } from '../helpers';

/*
 * Events (issue 14), as the demo users and as guests with their RSVP links: a guest answers with and without
 * giving dietary needs (consent asked, recorded, withdrawable), the door list with and without the event's
 * allowlist, and needs gone after the retention run. Everything this spec creates carries a per-run tag, so it
 * finds its own event among what other specs made.
 */
test.describe.configure({ mode: 'serial' });

const TAG = `${Date.now().toString(36)}`;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function auroraEventsPage(page: Page) {
  await page.goto('/');
  await page
    .locator('a[href^="/projects/"]')
    .filter({ has: page.getByRole('heading', { name: 'Aurora', exact: true }) })
    .click();
  await page.locator('main').getByRole('link', { name: 'Events', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Aurora events' })).toBeVisible();
}

async function createEvent(
  page: Page,
  input: {
    name: string;
    date: string;
    time: string;
    timeZone: string;
    description: string;
    venue: string;
    retentionDays: string;
  },
) {
  await auroraEventsPage(page);
  const form = page.getByRole('form', { name: 'New event' });
  await form.getByLabel('Name').fill(input.name);
  await form.getByLabel('Date').fill(input.date);
  await form.getByLabel('Time', { exact: true }).fill(input.time);
  await form.getByLabel('Time zone').fill(input.timeZone);
  await form.getByLabel('Public description').fill(input.description);
  await form.getByLabel('Venue').fill(input.venue);
  await form.getByLabel("Delete guests' needs after (days)").fill(input.retentionDays);
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByRole('heading', { name: input.name })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function invite(page: Page, name: string, email: string, plusOnes = '0') {
  const form = page.getByRole('form', { name: 'Invite a guest' });
  await form.getByLabel('Guest name').fill(name);
  await form.getByLabel('Guest email').fill(email);
  await form.getByLabel('Plus-ones').fill(plusOnes);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(form.getByTestId('form-status')).toHaveText(`Invitation sent to ${email}.`);
}

/** The guest's personal link, from the development mailbox. */
async function rsvpLink(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const mail = page.getByRole('article', { name: `Email to ${email}: Your invitation` });
    await expect(async () => {
      await page.goto('/dev/mailbox');
      await expect(mail).toHaveCount(1, { timeout: 1_000 });
    }).toPass();
    return new URL(/https?:\/\/\S+\/rsvp\/[A-Za-z0-9_-]{43}/.exec(await mail.getByTestId('email-text').innerText())![0])
      .pathname;
  } finally {
    await context.close();
  }
}

const gwen = { name: `Gwen Guest ${TAG}`, email: `gwen.${TAG}@guests.test` };
const dan = { name: `Dan Decline ${TAG}`, email: `dan.${TAG}@guests.test` };
const eventName = `Aurora rooftop preview ${TAG}`;
const venue = `Rooftop bar, level 9 E2E-VENUE-${TAG}`;
const needs = `Coeliac, no gluten E2E-NEEDS-${TAG}`;
let eventPath = '';

test('sam creates an event and invites two guests by email', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  try {
    eventPath = await createEvent(sam.page, {
      name: eventName,
      date: isoDay(10),
      time: '19:30',
      timeZone: 'Europe/London',
      description: `Drinks on the roof, first look at the campaign. E2E-INVITE-${TAG}`,
      venue,
      retentionDays: '30',
    });
    await expect(sam.page.getByTestId('event-venue')).toContainText(venue);
    await invite(sam.page, gwen.name, gwen.email, '1');
    await invite(sam.page, dan.name, dan.email);
    const list = sam.page.getByRole('region', { name: 'Guest list' });
    await expect(list).toContainText(gwen.name);
    await expect(list).toContainText(dan.name);
  } finally {
    await sam.context.close();
  }
});

test('a guest accepts and gives a dietary need only after ticking consent; sees only their own invitation', async ({
  browser,
}) => {
  const link = await rsvpLink(browser, gwen.email);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const first = await visit(page, link);
    expect(first.status).toBe(200);
    await expect(page.getByTestId('invitation-description')).toContainText(`E2E-INVITE-${TAG}`);
    await expect(page.getByText(`For ${gwen.name}, with up to 1 guest`)).toBeVisible();
    // Only the public description and the guest's own invitation: not the event's name, venue, client or other guests.
    for (const hidden of [eventName, venue, 'Nova Reyes', 'Aurora', dan.name, dan.email, 'Priya Shah', 'AURORA-']) {
      expect(first.content.includes(hidden), `"${hidden}" on the RSVP page`).toBe(false);
    }
    // The notice says why, who sees them and when they are deleted, before anything is given.
    await expect(page.getByRole('list', { name: 'Why we ask, who sees them, when they are deleted' })).toContainText(
      'deleted automatically 30 days after the event',
    );

    await page
      .getByRole('form', { name: 'Accept the invitation' })
      .getByRole('button', { name: 'Yes, I will come' })
      .click();
    await expect(page.getByRole('form', { name: 'Accept the invitation' }).getByTestId('form-status')).toHaveText(
      'Thank you: you are on the list.',
    );

    const give = page.getByRole('form', { name: 'Give my needs' });
    await give.getByLabel('Dietary needs').fill(needs);
    await give.getByRole('button', { name: 'Save my needs' }).click();
    await expect(give.getByTestId('form-status')).toHaveText('Tick the box to agree, or leave your needs out.');
    await page.reload();
    await expect(page.getByTestId('own-needs')).toHaveCount(0);

    await give.getByLabel('Dietary needs').fill(needs);
    await give.getByLabel(/I agree that the organisers named for this event/).check();
    await give.getByRole('button', { name: 'Save my needs' }).click();
    await expect(give.getByTestId('form-status')).toHaveText('Thank you: your needs are saved, with your consent.');
    await page.reload();
    await expect(page.getByTestId('own-needs')).toContainText(needs);
    await expect(page.getByTestId('rsvp-status')).toHaveText('You said you will come.');
  } finally {
    await context.close();
  }
});

test('a guest declines without giving any needs', async ({ browser }) => {
  const link = await rsvpLink(browser, dan.email);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(link);
    await page
      .getByRole('form', { name: 'Decline the invitation' })
      .getByRole('button', { name: 'No, I cannot come' })
      .click();
    await expect(page.getByRole('form', { name: 'Decline the invitation' }).getByTestId('form-status')).toContainText(
      'Thank you for letting us know',
    );
    await page.reload();
    await expect(page.getByTestId('rsvp-status')).toHaveText('You said you cannot come.');
    await expect(page.getByTestId('own-needs')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('the door list: sam (on the event allowlist) sees the need and checks Gwen in with one tap', async ({
  browser,
}) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  try {
    await sam.page.setViewportSize({ width: 390, height: 844 });
    await sam.page.goto(`${eventPath}/door`);
    const door = sam.page.getByRole('list', { name: 'Door list' });
    const row = door.getByTestId('door-guest').filter({ hasText: gwen.name });
    await expect(row).toContainText('+1');
    await expect(row.getByTestId('guest-needs')).toContainText(needs);
    // Declined guests are not expected at the door.
    await expect(door).not.toContainText(dan.name);
    await row.getByRole('button', { name: 'Check in' }).click();
    await expect(row).toContainText('Checked in');
    await sam.page.reload();
    await expect(door.getByTestId('door-guest').filter({ hasText: gwen.name })).toContainText('Checked in');
    expect(await sam.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await sam.context.close();
  }
});

test('the door list without the allowlist: logistics staff see "Has needs" only, never the need or the venue', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const oscar = await signedInContext(browser, demoUser('oscar'));
  try {
    // Before any grant: oscar has no Aurora membership, the event is a 404.
    const before = await visit(oscar.page, `${eventPath}/door`);
    expect(before.status).toBe(404);
    expect(before.content).not.toContain(needs);

    await ada.page.goto('/admin/projects');
    await ada.page.getByRole('link', { name: 'Aurora', exact: true }).click();
    const grant = ada.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Oscar Other (Staff)' });
    await grant.getByLabel('Logistics').check();
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText('Access granted.');

    const door = await visit(oscar.page, `${eventPath}/door`);
    expect(door.status).toBe(200);
    const row = oscar.page
      .getByRole('list', { name: 'Door list' })
      .getByTestId('door-guest')
      .filter({ hasText: gwen.name });
    await expect(row).toContainText('Has needs');
    expect(door.content).not.toContain(needs);
    const page = await visit(oscar.page, eventPath);
    expect(page.content).not.toContain(needs);
    expect(page.content).not.toContain(venue);
    expect(page.content).not.toContain('AURORA-EVENT-VENUE');

    // The lead puts oscar on this event's allowlist from the event page: he now sees the venue and the need;
    // removed (after a confirmation), the next request shows neither.
    const sam = await signedInContext(browser, demoUser('sam'));
    try {
      await sam.page.goto(eventPath);
      const add = sam.page.getByRole('form', { name: 'Add to the event allowlist' });
      await add.getByLabel('Person').selectOption({ label: 'Oscar Other' });
      await add.getByLabel('Reason').fill('Runs the door on the night');
      await add.getByRole('button', { name: 'Add to allowlist' }).click();
      // Oscar was the last person who could be added, so the form gives way to a sentence: the table says it.
      await expect(
        sam.page
          .getByRole('table', { name: /^Allowlist of / })
          .getByRole('row')
          .filter({ hasText: 'Oscar Other' }),
      ).toContainText('Active');
      const allowed = await visit(oscar.page, eventPath);
      expect(allowed.visibleText).toContain(venue);
      expect(allowed.visibleText).toContain(needs);
      expect((await visit(oscar.page, `${eventPath}/door`)).visibleText).toContain(needs);

      await sam.page.reload();
      await sam.page
        .getByRole('form', { name: 'Remove Oscar Other from the allowlist' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await confirmInDialog(sam.page, 'Remove Oscar Other');
      await expect(
        sam.page
          .getByRole('table', { name: /^Allowlist of / })
          .getByRole('row')
          .filter({ hasText: 'Oscar Other' }),
      ).toContainText('Removed');
      const removed = await visit(oscar.page, eventPath);
      expect(removed.status).toBe(200);
      expect(removed.content).not.toContain(venue);
      expect(removed.content).not.toContain(needs);
    } finally {
      await sam.context.close();
    }

    // Revoked again: the next request is a 404.
    await ada.page.reload();
    await ada.page.getByRole('form', { name: 'Revoke Oscar Other' }).getByRole('button', { name: 'Revoke' }).click();
    await confirmInDialog(ada.page, 'Revoke Oscar Other');
    expect((await visit(oscar.page, `${eventPath}/door`)).status).toBe(404);
  } finally {
    await ada.context.close();
    await oscar.context.close();
  }
});

test('a guest withdraws their needs at any time', async ({ browser }) => {
  const link = await rsvpLink(browser, gwen.email);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(link);
    await expect(page.getByTestId('own-needs')).toBeVisible();
    await page
      .getByRole('form', { name: 'Withdraw my needs' })
      .getByRole('button', { name: 'Withdraw my needs and consent' })
      .click();
    // Withdrawn: the page no longer holds any need, nor the form to withdraw them (nothing is left to withdraw).
    await expect(page.getByTestId('own-needs')).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Withdraw my needs' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('own-needs')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('needs are gone after the retention run once the event’s retention days have passed', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const ada = await signedInContext(browser, demoUser('ada'));
  const rita = { name: `Rita Retained ${TAG}`, email: `rita.${TAG}@guests.test` };
  const ritaNeeds = `Nut allergy E2E-OLD-NEEDS-${TAG}`;
  try {
    // An event that started today at midnight UTC, whose needs are kept 0 days after it.
    const path = await createEvent(sam.page, {
      name: `Aurora breakfast ${TAG}`,
      date: isoDay(0),
      time: '00:00',
      timeZone: 'UTC',
      description: 'Breakfast briefing.',
      venue: 'Office',
      retentionDays: '0',
    });
    await invite(sam.page, rita.name, rita.email);
    const guest = await browser.newContext();
    const page = await guest.newPage();
    await page.goto(await rsvpLink(browser, rita.email));
    const give = page.getByRole('form', { name: 'Give my needs' });
    await give.getByLabel('Dietary needs').fill(ritaNeeds);
    await give.getByLabel(/I agree that the organisers named for this event/).check();
    await give.getByRole('button', { name: 'Save my needs' }).click();
    await expect(give.getByTestId('form-status')).toHaveText('Thank you: your needs are saved, with your consent.');
    await sam.page.goto(`${path}/door`);
    await expect(sam.page.getByTestId('guest-needs')).toContainText(ritaNeeds);

    await ada.page.goto('/admin/privacy/retention');
    await ada.page
      .getByRole('form', { name: 'Run retention now' })
      .getByRole('button', { name: 'Run retention now' })
      .click();
    await confirmInDialog(ada.page, 'Run retention');
    await expect(ada.page.getByRole('form', { name: 'Run retention now' }).getByTestId('form-status')).toContainText(
      'Retention run done',
    );
    await expect(ada.page.locator('main')).not.toContainText(ritaNeeds);

    const after = await visit(sam.page, `${path}/door`);
    expect(after.content).not.toContain(ritaNeeds);
    await expect(sam.page.getByTestId('guest-needs')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('own-needs')).toHaveCount(0);
    await guest.close();
  } finally {
    await sam.context.close();
    await ada.context.close();
  }
});

test('a guest of the demo launch meets AURORA-LAUNCH-INVITE on their RSVP page and no other event canary', async ({
  browser,
}) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const email = `launch.${TAG}@guests.test`;
  try {
    await sam.page.goto('/events');
    await sam.page.getByRole('link', { name: 'Aurora launch party' }).click();
    await invite(sam.page, `Launch Guest ${TAG}`, email);
  } finally {
    await sam.context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const v = await visit(page, await rsvpLink(browser, email));
    expect(v.content).toContain('AURORA-LAUNCH-INVITE');
    for (const hidden of ['AURORA-EVENT-VENUE', 'AURORA-DIET-NEEDS', 'Priya Shah', 'Nova Reyes', 'Aurora launch party'])
      expect(v.content.includes(hidden), hidden).toBe(false);
  } finally {
    await context.close();
  }
});
