import { expect, test } from '@playwright/test';
import {
  ALL_CANARIES,
  canariesIn,
  DEMO_USERS,
  demoUser,
  gatherWorld,
  ITEM_PATH,
  KAI,
  linkPaths,
  MISSING_ITEM_PATH,
  MISSING_PROJECT_PATH,
  NOVA,
  PROJECT_CANARIES,
  PROJECT_PATH,
  PUBLIC_CANARY,
  reachableProjects,
  signedInContext,
  visit,
  type Canary,
  type ProjectName,
  type Visit,
  type World,
} from '../helpers';

/**
 * docs/product.md §9's canary table, end to end: each demo user, signed in through the form, crawls every project and
 * item the portal links for them and must meet exactly their canaries; every other project and item of the
 * demo world answers them 404, like a thing that does not exist, with no canary in the response.
 */

let world: World;

test.beforeAll(async ({ browser }) => {
  world = await gatherWorld(browser);
});

/** Admin pages where the spec names what the admin must not see (project content, real client names). */
const ADMIN_CONTENT_FREE_PATHS = ['/admin/projects', '/admin/audit'];

test.describe('each demo user sees exactly their canaries', () => {
  for (const user of DEMO_USERS) {
    const sees = user.sees.length > 0 ? user.sees.join(', ') : 'none';
    test(`${user.key} sees ${sees}`, async ({ browser }) => {
      const { context, page } = await signedInContext(browser, user);
      try {
        const visits: Visit[] = [];
        const home = await visit(page, '/');
        expect(home.status).toBe(200);
        visits.push(home);

        // Every project linked from the home page, and every item linked from each project page.
        const projectPaths = await linkPaths(page, PROJECT_PATH);
        const projectVisits = new Map<string, Visit>();
        const itemPaths = new Set<string>();
        for (const projectPath of projectPaths) {
          const v = await visit(page, projectPath);
          expect(v.status, `status of ${projectPath}`).toBe(200);
          visits.push(v);
          projectVisits.set(projectPath, v);
          for (const itemPath of await linkPaths(page, ITEM_PATH)) itemPaths.add(itemPath);
        }
        for (const itemPath of itemPaths) {
          const v = await visit(page, itemPath);
          expect(v.status, `status of ${itemPath}`).toBe(200);
          visits.push(v);
        }

        // The admin's own pages: no project content there either (titles are content), nor Kai Storm.
        if (user.key === 'ada') {
          for (const adminPath of ADMIN_CONTENT_FREE_PATHS) {
            const v = await visit(page, adminPath);
            expect(canariesIn(v.content), `canaries on ${adminPath}`).toEqual([]);
            expect(v.content.includes(KAI), `"${KAI}" on ${adminPath}`).toBe(false);
          }
        }

        // The links lead exactly to the projects and items of the user's row in §9.
        const expectedProjects = reachableProjects(user)
          .map((p) => world.projects[p])
          .sort();
        expect(projectPaths.slice().sort(), 'project links on the home page').toEqual(expectedProjects);
        const expectedItems = user.sees.map((c) => world.items[c]).sort();
        expect([...itemPaths].sort(), 'item links on the project pages').toEqual(expectedItems);

        // Exactly the user's canaries, across all pages, and no forbidden one on any single page.
        const seen = new Set<string>();
        for (const v of visits) {
          const found = canariesIn(v.content);
          const forbidden = found.filter((c) => !user.sees.includes(c as Canary));
          expect(forbidden, `forbidden canaries on ${v.path}`).toEqual([]);
          found.forEach((c) => seen.add(c));
        }
        expect([...seen].sort(), 'canaries seen across the portal').toEqual([...user.sees].sort());
        expect(seen.has(PUBLIC_CANARY)).toBe(false);

        // Identity: the real client name only for those who may know it; the codename for everyone else.
        const aurora = projectVisits.get(world.projects.Aurora);
        const borealis = projectVisits.get(world.projects.Borealis);
        if (user.seesNova) {
          expect(aurora, 'Aurora project page visited').toBeDefined();
          await page.goto(world.projects.Aurora);
          await expect(page.locator('main')).toContainText(NOVA);
        } else {
          for (const v of visits) expect(v.content.includes(NOVA), `"${NOVA}" on ${v.path}`).toBe(false);
        }
        if (aurora && !user.seesNova) {
          expect(aurora.visibleText).toContain('Aurora');
        }
        if (user.seesKai) {
          expect(borealis, 'Borealis project page visited').toBeDefined();
          await page.goto(world.projects.Borealis);
          await expect(page.locator('main')).toContainText(KAI);
        } else {
          for (const v of visits) expect(v.content.includes(KAI), `"${KAI}" on ${v.path}`).toBe(false);
        }
        if (user.key === 'ada' || user.key === 'nina') {
          expect(projectPaths, 'no projects on the home page').toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  }
});

test.describe('everything else answers 404, like a thing that does not exist', () => {
  for (const user of DEMO_USERS) {
    test(`${user.key}: unreachable projects and items are 404 without content`, async ({ browser }) => {
      const reachable = new Set<string>([
        ...reachableProjects(user).map((p) => world.projects[p]),
        ...user.sees.map((c) => world.items[c]),
      ]);
      const all = [
        ...(Object.keys(world.projects) as ProjectName[]).map((p) => world.projects[p]),
        ...ALL_CANARIES.map((c) => world.items[c]),
      ];
      const denied = all.filter((path) => !reachable.has(path));
      expect(denied.length).toBe(all.length - reachable.size);

      const { context, page } = await signedInContext(browser, user);
      try {
        // The reference answers: an id that exists nowhere.
        const missingProject = await visit(page, MISSING_PROJECT_PATH);
        const missingItem = await visit(page, MISSING_ITEM_PATH);
        expect(missingProject.status).toBe(404);
        expect(missingItem.status).toBe(404);

        for (const path of denied) {
          const v = await visit(page, path);
          expect(v.status, `status of ${path}`).toBe(404);
          expect(v.finalPath, `no redirect from ${path}`).toBe(path);
          expect(canariesIn(v.content), `canaries in the 404 of ${path}`).toEqual([]);
          for (const name of [NOVA, KAI]) {
            const allowed = name === NOVA ? user.seesNova : user.seesKai;
            if (!allowed) expect(v.content.includes(name), `"${name}" in the 404 of ${path}`).toBe(false);
          }
          // Denied looks exactly like missing.
          const reference = PROJECT_PATH.test(path) ? missingProject : missingItem;
          expect(v.visibleText, `404 page of ${path} differs from a missing one`).toBe(reference.visibleText);
        }
      } finally {
        await context.close();
      }
    });
  }

  test('every demo project and item was found', () => {
    expect(Object.keys(world.projects).sort()).toEqual(['Aurora', 'Borealis']);
    expect(Object.keys(world.items).sort()).toEqual([...ALL_CANARIES].sort());
    for (const project of Object.keys(PROJECT_CANARIES) as ProjectName[])
      expect(world.projects[project]).toMatch(PROJECT_PATH);
  });
});

// ---------------------------------------------------------------------------------------------------------
// docs/product.md §9.1 profiles (issue 14): who sees NOVA-PUBLIC-BIO, NOVA-MEDIA-KIT, NOVA-RATES and KAI-PROFILE-BIO.
// Each user crawls every profile page the portal links for them (their own profile, Creators and each creator,
// Shortlists and each shortlist, Freelancers) and the public portfolio with each public profile it links.
// NOVA-PUBLIC-BIO is public, so everyone who opens her public page meets it (the §9.1 table lists it for the
// people with no other way to it); every other profile canary only where the table says.
// ---------------------------------------------------------------------------------------------------------

const PROFILE_CANARIES = ['NOVA-PUBLIC-BIO', 'NOVA-MEDIA-KIT', 'NOVA-RATES', 'KAI-PROFILE-BIO'] as const;
const PROFILE_SEES: Record<string, readonly string[]> = {
  ada: ['NOVA-PUBLIC-BIO'],
  nina: ['NOVA-PUBLIC-BIO'],
  sam: ['NOVA-PUBLIC-BIO', 'NOVA-MEDIA-KIT', 'NOVA-RATES'],
  finn: ['NOVA-PUBLIC-BIO'],
  cora: ['NOVA-PUBLIC-BIO'],
  oscar: ['NOVA-PUBLIC-BIO', 'KAI-PROFILE-BIO'],
  nova: ['NOVA-PUBLIC-BIO', 'NOVA-MEDIA-KIT', 'NOVA-RATES'],
  kai: ['NOVA-PUBLIC-BIO', 'KAI-PROFILE-BIO'],
  brian: ['NOVA-PUBLIC-BIO', 'NOVA-MEDIA-KIT'],
};
const profileCanariesIn = (text: string) => PROFILE_CANARIES.filter((c) => text.includes(c));
const PROFILE_LINK = /^\/(creators|shortlists)\/[0-9a-f-]{36}$/;
const PUBLIC_PROFILE_LINK = /^\/profiles\/[a-z0-9-]+$/;

test.describe('profile canaries (docs/product.md §9.1)', () => {
  for (const user of DEMO_USERS) {
    const sees = PROFILE_SEES[user.key] ?? [];
    test(`${user.key} sees ${sees.join(', ')} among the profile canaries`, async ({ browser }) => {
      const { context, page } = await signedInContext(browser, user);
      try {
        const visits: Visit[] = [];
        for (const path of ['/profile', '/creators', '/shortlists', '/freelancers', '/portfolio']) {
          const v = await visit(page, path);
          expect([200, 404], `status of ${path}`).toContain(v.status);
          visits.push(v);
          for (const linked of await linkPaths(page, path === '/portfolio' ? PUBLIC_PROFILE_LINK : PROFILE_LINK)) {
            const w = await visit(page, linked);
            expect(w.status, `status of ${linked}`).toBe(200);
            visits.push(w);
            await page.goto(path);
          }
        }
        const seen = new Set<string>();
        for (const v of visits) {
          const found = profileCanariesIn(v.content);
          expect(
            found.filter((c) => !sees.includes(c)),
            `forbidden profile canaries on ${v.path}`,
          ).toEqual([]);
          found.forEach((c) => seen.add(c));
          // The item canaries of §9 stay where they were: none on a profile page.
          expect(
            canariesIn(v.content).filter((c) => c !== PUBLIC_CANARY),
            `item canaries on ${v.path}`,
          ).toEqual([]);
          if (!user.seesKai) expect(v.content.includes(KAI), `"${KAI}" on ${v.path}`).toBe(false);
        }
        expect([...seen].sort(), 'profile canaries seen').toEqual([...sees].sort());
      } finally {
        await context.close();
      }
    });
  }

  test('the public sees NOVA-PUBLIC-BIO on Nova’s public profile, linked from /portfolio, and nothing else; Kai has none', async ({
    page,
  }) => {
    const portfolio = await visit(page, '/portfolio');
    const links = await linkPaths(page, PUBLIC_PROFILE_LINK);
    expect(links).toEqual(['/profiles/nova-reyes']);
    const nova = await visit(page, links[0]!);
    expect(nova.status).toBe(200);
    expect(profileCanariesIn(`${portfolio.content}\n${nova.content}`)).toEqual(['NOVA-PUBLIC-BIO']);
    expect(nova.content.includes(KAI)).toBe(false);
    const kai = await visit(page, '/profiles/orion');
    expect(kai.status).toBe(404);
    expect(profileCanariesIn(kai.content)).toEqual([]);
    const missing = await visit(page, '/profiles/no-such-person');
    expect(kai.visibleText).toBe(missing.visibleText);
  });
});

// ---------------------------------------------------------------------------------------------------------
// docs/product.md §9.1 files (issue 13): each demo user reaches exactly the files of the items they may read. The file
// viewer page and every file route answer 404 for the others, byte-identical to a file id that does not exist.
// ---------------------------------------------------------------------------------------------------------

const FILE_ITEMS = {
  'AURORA-CONTRACT-FILE': 'AURORA-RATE-250K',
  'AURORA-DECK-FILE': 'AURORA-SCRIPT-V2',
  'AURORA-PASSPORT-FILE': 'AURORA-PASSPORT',
  'BOREALIS-TEASER-FILE': 'BOREALIS-UNRELEASED',
} as const satisfies Record<string, Canary>;
type FileCanary = keyof typeof FILE_ITEMS;
const FILE_PATH = /^\/files\/[0-9a-f-]{36}$/;
const MISSING_FILE = '00000000-0000-4000-8000-000000000000';

test.describe('file canaries (docs/product.md §9.1)', () => {
  let fileIds: Record<FileCanary, string>;

  test.beforeAll(async ({ browser }) => {
    fileIds = {} as Record<FileCanary, string>;
    for (const [guide, canaries] of [
      ['sam', ['AURORA-CONTRACT-FILE', 'AURORA-DECK-FILE', 'AURORA-PASSPORT-FILE']],
      ['oscar', ['BOREALIS-TEASER-FILE']],
    ] as const) {
      const { context, page } = await signedInContext(
        browser,
        DEMO_USERS.find((u) => u.key === guide)!,
      );
      try {
        for (const canary of canaries) {
          await page.goto(world.items[FILE_ITEMS[canary]]);
          const links = await linkPaths(page, FILE_PATH);
          expect(links, `one file on the item of ${canary}`).toHaveLength(1);
          fileIds[canary] = links[0]!.split('/').pop()!;
        }
      } finally {
        await context.close();
      }
    }
  });

  for (const user of DEMO_USERS) {
    const mayRead = (Object.keys(FILE_ITEMS) as FileCanary[]).filter((f) => user.sees.includes(FILE_ITEMS[f]));
    test(`${user.key} reaches ${mayRead.join(', ') || 'no file'}`, async ({ browser }) => {
      const { context, page } = await signedInContext(browser, user);
      try {
        const missingPage = await visit(page, `/files/${MISSING_FILE}`);
        expect(missingPage.status).toBe(404);
        const missingApi = await page.request.get(`/api/files/${MISSING_FILE}/download`);
        expect(missingApi.status()).toBe(404);
        const missingBody = await missingApi.body();
        for (const canary of Object.keys(FILE_ITEMS) as FileCanary[]) {
          const id = fileIds[canary];
          const v = await visit(page, `/files/${id}`);
          if (mayRead.includes(canary)) {
            expect(v.status, `viewer of ${canary}`).toBe(200);
            // Every way out of a readable file answers (or is refused for a reason that is not the reader's:
            // view-only downloads, the wrong route for the type): checked in files.readonly.spec.ts.
          } else {
            expect(v.status, `viewer of ${canary}`).toBe(404);
            expect(v.visibleText, `404 of ${canary} differs from a missing file`).toBe(missingPage.visibleText);
            for (const route of ['view', 'download', 'media', 'pages/1']) {
              const r = await page.request.get(`/api/files/${id}/${route}`);
              expect(r.status(), `${route} of ${canary}`).toBe(404);
              expect(
                (await r.body()).equals(missingBody),
                `${route} of ${canary} is byte-identical to a missing file`,
              ).toBe(true);
            }
          }
        }
      } finally {
        await context.close();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// docs/product.md §9.1 Aurora's launch event (issue 14): AURORA-EVENT-VENUE and AURORA-DIET-NEEDS for sam.lead and nova
// only. The public description AURORA-LAUNCH-INVITE is the event's guest-facing text: a guest meets it on their
// RSVP page (e2e/mutating/events.spec.ts opens a real link), and the event's people (sam.lead who runs it, nova
// whose event it is) meet it on the event page; nobody else. Each user crawls /events, every event linked there
// and its door list; the event and door pages answer everyone else 404 like an event that does not exist.
// ---------------------------------------------------------------------------------------------------------

const EVENT_CANARIES = ['AURORA-LAUNCH-INVITE', 'AURORA-EVENT-VENUE', 'AURORA-DIET-NEEDS'] as const;
const EVENT_SEES: Record<string, readonly string[]> = { sam: EVENT_CANARIES, nova: EVENT_CANARIES };
const eventCanariesIn = (text: string) => EVENT_CANARIES.filter((c) => text.includes(c));
const EVENT_LINK = /^\/projects\/[0-9a-f-]{36}\/events\/[0-9a-f-]{36}$/;
const MISSING_EVENT = (projectPath: string) => `${projectPath}/events/00000000-0000-4000-8000-000000000000`;

test.describe('event canaries (docs/product.md §9.1)', () => {
  let launchPath = '';

  test.beforeAll(async ({ browser }) => {
    const { context, page } = await signedInContext(browser, demoUser('sam'));
    try {
      await page.goto('/events');
      const links = await linkPaths(page, EVENT_LINK);
      expect(links, 'sam’s events').toHaveLength(1);
      launchPath = links[0]!;
    } finally {
      await context.close();
    }
  });

  for (const user of DEMO_USERS) {
    const sees = EVENT_SEES[user.key] ?? [];
    test(`${user.key} sees ${sees.length ? sees.join(', ') : 'no event canary'}`, async ({ browser }) => {
      const { context, page } = await signedInContext(browser, user);
      try {
        const visits: Visit[] = [await visit(page, '/events')];
        const links = await linkPaths(page, EVENT_LINK);
        expect(links, 'event links on /events').toEqual(sees.length ? [launchPath] : []);
        for (const path of [launchPath, `${launchPath}/door`]) {
          const v = await visit(page, path);
          visits.push(v);
          if (sees.length) {
            expect(v.status, `status of ${path}`).toBe(200);
          } else {
            expect(v.status, `status of ${path}`).toBe(404);
            expect(v.finalPath).toBe(path);
            const missing = await visit(page, MISSING_EVENT(world.projects.Aurora));
            expect(v.visibleText, `the 404 of ${path} is the 404 of a missing event`).toBe(missing.visibleText);
          }
        }
        const seen = new Set<string>();
        for (const v of visits) {
          const found = eventCanariesIn(v.content);
          expect(
            found.filter((c) => !sees.includes(c)),
            `forbidden event canaries on ${v.path}`,
          ).toEqual([]);
          found.forEach((c) => seen.add(c));
          expect(canariesIn(v.content), `item canaries on ${v.path}`).toEqual([]);
          if (!user.seesKai) expect(v.content.includes(KAI), `"${KAI}" on ${v.path}`).toBe(false);
          // Guests are people too: their names and emails only for the event's people.
          if (!sees.length)
            expect(v.content.includes('priya.shah@guests.test'), `a guest's email on ${v.path}`).toBe(false);
        }
        expect([...seen].sort(), 'event canaries seen').toEqual([...sees].sort());
      } finally {
        await context.close();
      }
    });
  }

  test('the public: an unknown RSVP link shows no event, and the event pages ask to sign in', async ({ page }) => {
    const rsvp = await visit(page, `/rsvp/${'A'.repeat(43)}`);
    expect(rsvp.visibleText).toContain('This invitation link is not valid any more');
    expect(eventCanariesIn(rsvp.content)).toEqual([]);
    for (const path of ['/events', launchPath, `${launchPath}/door`]) {
      const v = await visit(page, path);
      expect(v.finalPath, `${path} sends the public to sign in`).toBe('/sign-in');
      expect(eventCanariesIn(v.content)).toEqual([]);
    }
  });
});
